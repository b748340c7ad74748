import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../checks/types';
import { cleanText } from '../review/import';

/** One error as the model reported it, checked and normalised, not yet placed in the text. */
export interface ReportedError {
  span: string;
  category: Category;
  severity: Severity;
  explanation: string;
  /** The replacement for the span; undefined when the model offered none. */
  suggestion: string | undefined;
}

export interface ParsedReply {
  errors: ReportedError[];
  /** Items left out because they had no usable span. */
  unusable: number;
}

export class MalformedReply extends Error {}

/**
 * Reads a reply defensively: the JSON may come inside a code fence or with prose around it, a
 * field may be missing, a category may be one we do not know. Only a reply with no JSON object
 * holding an `errors` list at all is refused.
 */
export function parseReply(content: string): ParsedReply {
  const body = findErrorsList(content);
  if (!body) throw new MalformedReply('The reply held no JSON list of errors.');
  const errors: ReportedError[] = [];
  let unusable = 0;
  // A runaway reply is read no further than this many errors; the rest are counted as left out.
  for (const item of body.slice(0, MAX_ERRORS)) {
    const error = readItem(item);
    if (error) errors.push(error);
    else unusable++;
  }
  return { errors, unusable: unusable + Math.max(body.length - MAX_ERRORS, 0) };
}

const MAX_ERRORS = 50;

/** One line of plain text: no control characters, no line breaks (a segment is one line). */
const oneLine = (s: string) => cleanText(s).replace(/\s*\n\s*/g, ' ');

function findErrorsList(content: string): unknown[] | undefined {
  const candidates = [content, ...fenced(content), ...balancedObjects(content)];
  for (const candidate of candidates) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    if (Array.isArray(value)) return value;
    if (value && typeof value === 'object' && Array.isArray((value as { errors?: unknown }).errors)) return (value as { errors: unknown[] }).errors;
  }
  return undefined;
}

function fenced(content: string): string[] {
  return [...content.matchAll(/```[a-zA-Z]*\s*\n?([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Every top-level {...} of the text, read with strings and escapes respected, first one first. */
function balancedObjects(content: string): string[] {
  const found: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < content.length && found.length < 20; i++) {
    const c = content[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"' && depth > 0) inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && depth > 0 && --depth === 0) found.push(content.slice(start, i + 1));
  }
  return found;
}

const ALIASES: Record<string, Category> = {
  mistranslation: 'accuracy/mistranslation',
  accuracy: 'accuracy/mistranslation',
  meaning: 'accuracy/mistranslation',
  omission: 'accuracy/omission',
  addition: 'accuracy/addition',
  grammar: 'fluency/grammar',
  fluency: 'fluency/grammar',
  spelling: 'fluency/spelling',
  punctuation: 'fluency/punctuation',
  style: 'style/awkward',
  awkward: 'style/awkward',
  calque: 'style/awkward',
  unidiomatic: 'style/awkward',
  terminology: 'terminology',
  term: 'terminology',
  locale: 'locale',
};

/** Our category for the model's: exact, then by its last or first word, else a mistranslation. */
export function normaliseCategory(raw: unknown): Category {
  const value = typeof raw === 'string' ? raw.trim().toLowerCase().replace(/\s+/g, '-') : '';
  if ((CATEGORIES as readonly string[]).includes(value)) return value as Category;
  const parts = value.split(/[/:>-]/).filter(Boolean);
  for (const part of [...parts].reverse()) if (ALIASES[part]) return ALIASES[part];
  return 'accuracy/mistranslation';
}

function readItem(item: unknown): ReportedError | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const o = item as Record<string, unknown>;
  const span = typeof o.span === 'string' ? o.span : typeof o.text === 'string' ? o.text : '';
  if (span.trim() === '') return undefined;
  const severity = typeof o.severity === 'string' ? o.severity.trim().toLowerCase() : '';
  const suggestion = typeof o.suggestion === 'string' ? o.suggestion : typeof o.correction === 'string' ? o.correction : undefined;
  return {
    span,
    category: normaliseCategory(o.category),
    severity: (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : 'minor',
    explanation: typeof o.explanation === 'string' ? oneLine(o.explanation).trim().slice(0, 2000) : '',
    suggestion: suggestion === undefined ? undefined : oneLine(suggestion).trim().slice(0, 2000),
  };
}
