import { badRequest } from '../errors';
import { cleanText } from '../review/import';

/**
 * A small typed schema for request bodies and query strings: each route declares the fields it
 * reads, with their types and lengths, and gets back a typed object or a 400 naming the field.
 * Unknown fields are ignored (forms carry `_csrf` and buttons' names).
 */
export interface Field<T> {
  /** Reads the value; `undefined` when the field was not sent. Throws a 400 on a bad value. */
  read(value: unknown, name: string): T;
}

type Shape = Record<string, Field<unknown>>;
export type Parsed<S extends Shape> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

export function schema<S extends Shape>(shape: S): { parse(input: unknown): Parsed<S> } {
  return {
    parse(input: unknown): Parsed<S> {
      const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(shape)) out[name] = field.read(Object.hasOwn(body, name) ? body[name] : undefined, name);
      return out as Parsed<S>;
    },
  };
}

const invalid = (name: string, message: string) => badRequest('invalid-field', `"${name}" ${message}`, { field: name });
const absent = (value: unknown) => value === undefined || value === null;

/** An unpaired UTF-16 surrogate: JSON can carry one ("\ud800"), UTF-8 storage cannot. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface TextOptions {
  /** Longest value accepted, in characters, after cleaning. */
  max: number;
  /** Keep line breaks (comment bodies); otherwise they become spaces. */
  multiline?: boolean;
}

/**
 * A string, cleaned the same way everywhere: control characters (NUL included) dropped, line
 * breaks kept only where asked, trimmed, then measured. A lone surrogate is refused, not replaced.
 * Absent or blank gives `undefined` (wrap in `required` to refuse it).
 */
export function text({ max, multiline = false }: TextOptions): Field<string | undefined> {
  return {
    read(value, name) {
      if (absent(value) || value === '') return undefined;
      if (typeof value !== 'string') throw invalid(name, 'must be a string.');
      if (LONE_SURROGATE.test(value)) throw brokenText(`"${name}"`, name);
      let cleaned = cleanText(value);
      cleaned = multiline ? cleaned.trim() : oneLine(cleaned);
      if (cleaned === '') return undefined;
      if (cleaned.length > max) throw badRequest('text-too-long', `"${name}" may have at most ${max.toLocaleString('en')} characters.`, { field: name, max });
      return cleaned;
    },
  };
}

/** A string taken exactly as sent (offsets into it are reported back), only type- and Unicode-checked. */
export function exactString(max = Number.MAX_SAFE_INTEGER): Field<string | undefined> {
  return {
    read(value, name) {
      if (absent(value)) return undefined;
      if (typeof value !== 'string') throw invalid(name, 'must be a string.');
      if (LONE_SURROGATE.test(value)) throw brokenText(`"${name}"`, name);
      if (value.length > max) throw badRequest('text-too-long', `"${name}" may have at most ${max.toLocaleString('en')} characters.`, { field: name, max });
      return value;
    },
  };
}

/**
 * Lines trimmed and joined by one space, blank lines dropped. Linear, where a regex of optional
 * spaces around a line break backtracks quadratically on a long run of spaces.
 */
export function oneLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(' ');
}

export const brokenText = (label: string, field?: string) =>
  badRequest('invalid-text', `${label} contains a broken character (half of a UTF-16 surrogate pair); send valid Unicode text.`, field ? { field } : undefined);

/** A JSON boolean: only true or false ("true", 1 and "yes" are refused). */
export function boolean(fallback?: boolean): Field<boolean | undefined> {
  return {
    read(value, name) {
      if (absent(value)) return fallback;
      if (typeof value !== 'boolean') throw invalid(name, 'must be true or false.');
      return value;
    },
  };
}

/** A form checkbox or hidden flag: "1" (or JSON true) is on, absent, "", "0" (or false) off. */
export function formFlag(): Field<boolean> {
  return {
    read(value, name) {
      if (absent(value) || value === '' || value === '0' || value === false) return false;
      if (value === '1' || value === 'on' || value === true) return true;
      throw invalid(name, 'must be 1 or 0.');
    },
  };
}

interface IntOptions {
  min: number;
  max: number;
  fallback?: number;
  /** What the range means, said instead of "from min to max". */
  range?: string;
}

/**
 * A whole number: a JSON number, or digits in a query string or form. Fractions, exponents,
 * and values out of range are a 400 (SQLite would otherwise refuse them with a 500).
 */
export function integer({ min, max, fallback, range }: IntOptions): Field<number | undefined> {
  return {
    read(value, name) {
      if (absent(value) || value === '') return fallback;
      const n = typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(name, 'must be a whole number.');
      if (n < min || n > max) throw invalid(name, range ?? `must be from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`);
      return n;
    },
  };
}

/** One of a fixed list of strings. */
export function oneOf<T extends string>(values: readonly T[], fallback?: T): Field<T | undefined> {
  return {
    read(value, name) {
      if (absent(value) || value === '') return fallback;
      if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw invalid(name, `must be one of ${values.join(', ')}.`);
      return value as T;
    },
  };
}

/** A field that must be present. */
export function required<T>(field: Field<T | undefined>): Field<T> {
  return {
    read(value, name) {
      const read = field.read(value, name);
      if (read === undefined) throw badRequest('missing-field', `"${name}" is required.`, { field: name });
      return read;
    },
  };
}

/** A value passed through unread (the service checks it, e.g. a version number with its own message). */
export function raw(): Field<unknown> {
  return { read: (value) => value };
}
