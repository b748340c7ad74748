import { inflections } from '../text/inflect';
import { tokenize, type Token } from '../text/tokens';

/**
 * Token patterns for phrase rules. A pattern is a space-separated list of elements:
 *   word        the word in any inflected form (empower, empowers, empowered, empowering)
 *   =word       exactly this form
 *   a|b|c       any of the alternatives (each inflected unless written =a)
 *   @class      any word of a word class declared in the rule pack (inflected)
 *   x?          the element is optional (x is any of the above)
 *   *           exactly one word, any word
 *   ...  ...N   a gap of 0 to 3 (or 0 to N) words
 *   [ ]         brackets around elements mark the part to highlight (default: the whole match)
 * Hyphenated words are split like text is, so "high-quality" matches "high quality" too, and
 * "highquality" as one word; an alternative may be such a hyphenated word ("sky-high|huge"). Every
 * word form also matches its possessive ("platform" matches "platform's").
 * A suggestion can reuse the words an element matched: \1 is the first element, \2 the second
 * (gaps and optional words count as elements; an empty one gives nothing); and a suggestion word
 * written "help~1" takes the form of the word element 1 matched (helps, helped, helping).
 */
export type Element =
  | {
      kind: 'words';
      /**
       * One-word alternatives, as a union of sets: a word class is one set shared by every element
       * that uses it, so a class used by a thousand patterns is stored once.
       */
      singles: Set<string>[];
      /** First words of the several-word alternatives. */
      heads: Set<string>;
      /** Alternatives of several words ("sky-high", "race-track"): first word, then the forms of each next one. */
      sequences: { head: string; tail: Set<string>[] }[];
      /** The first alternative, as written: for generated examples. */
      example: string;
      /** The (last) word of each alternative as written: tells which form a matched word is (see formOf). */
      bases: string[];
      /** Alternatives written with a capital ("Honor", "Alibaba"), lowercased: a name keeps its capital wherever a suggestion moves it. */
      names: Set<string>;
      /** Alternatives written `=word`: exactly that form, so not their possessive either. */
      exact: Set<string>;
      optional: boolean;
      highlight: boolean;
    }
  | { kind: 'any'; highlight: boolean }
  | { kind: 'gap'; max: number; highlight: boolean }
  /** A comma in the text (",", "，"): the only punctuation a pattern can name. */
  | { kind: 'comma'; optional: boolean; highlight: boolean };

export interface CompiledPattern {
  source: string;
  elements: Element[];
  /** The pattern's own suggestions, when its grammar needs other ones than the rule's. */
  suggestions?: string[];
}

export type WordClasses = Record<string, string[]>;

export class PatternError extends Error {}

export function compilePattern(pattern: string, classes: WordClasses = {}): CompiledPattern {
  const elements: Element[] = [];
  let inHighlight = false;
  let sawHighlight = false;
  for (let raw of pattern.trim().split(/\s+/)) {
    if (raw.startsWith('[')) {
      if (inHighlight) throw new PatternError(`nested "[" in pattern "${pattern}"`);
      inHighlight = sawHighlight = true;
      raw = raw.slice(1);
    }
    let closes = false;
    if (raw.endsWith(']')) {
      if (!inHighlight) throw new PatternError(`"]" without "[" in pattern "${pattern}"`);
      closes = true;
      raw = raw.slice(0, -1);
    }
    if (raw !== '') elements.push(...compileElement(raw, classes, inHighlight, pattern));
    if (closes) inHighlight = false;
  }
  if (inHighlight) throw new PatternError(`unclosed "[" in pattern "${pattern}"`);
  if (!sawHighlight) for (const e of elements) e.highlight = true;
  if (elements.length === 0) throw new PatternError('empty pattern');
  const first = elements[0];
  if (first.kind !== 'words' || first.optional) {
    throw new PatternError(`pattern "${pattern}" must start with a required word, not a gap, wildcard or optional word`);
  }
  const last = elements[elements.length - 1];
  if (last.kind === 'gap' || last.kind === 'comma' || (last.kind === 'words' && last.optional)) {
    throw new PatternError(`pattern "${pattern}" must end with a required word`);
  }
  return { source: pattern, elements };
}

function compileElement(raw: string, classes: WordClasses, highlight: boolean, pattern: string): Element[] {
  if (raw === '*') return [{ kind: 'any', highlight }];
  if (raw === ',' || raw === ',?') return [{ kind: 'comma', optional: raw === ',?', highlight }];
  const gap = /^\.\.\.(\d*)$/.exec(raw);
  if (gap) return [{ kind: 'gap', max: gap[1] ? Number(gap[1]) : 3, highlight }];
  if (raw.startsWith('*') || raw.startsWith('...') || raw.includes('[') || raw.includes(']')) {
    throw new PatternError(`"${raw}" in pattern "${pattern}" is not an element: "*" and "..." cannot be optional or combined`);
  }
  let optional = false;
  if (raw.endsWith('?')) {
    optional = true;
    raw = raw.slice(0, -1);
  }
  let shared = compiledAlternatives.get(classes);
  if (!shared) compiledAlternatives.set(classes, (shared = new Map()));
  let alternatives = shared.get(raw);
  if (!alternatives) shared.set(raw, (alternatives = compileAlternatives(raw, classes, pattern)));
  const { singles, heads, sequences, example, bases, names, exact } = alternatives;
  return [{ kind: 'words', singles, heads, sequences, example, bases, names, exact, optional, highlight }];
}

type WordsElement = Extract<Element, { kind: 'words' }>;
type Alternatives = Pick<WordsElement, 'singles' | 'heads' | 'sequences' | 'example' | 'bases' | 'names' | 'exact'>;

const writtenAsName = (word: string) => /^\p{Lu}/u.test(word);

/**
 * Elements written alike ("@lx-sector", "track|racetrack") compile once and share their word sets:
 * a class used by a thousand patterns is expanded once, and stays one set in the compiled cache.
 * The sets are never changed after compilation.
 */
const compiledAlternatives = new WeakMap<WordClasses, Map<string, Alternatives>>();
const wordForms = new Map<string, { parts: string[]; forms: string[]; tail: Set<string>[] }>();

function compileAlternatives(raw: string, classes: WordClasses, pattern: string): Alternatives {
  const own = new Set<string>();
  const singles: Set<string>[] = [];
  const sequences: { head: string; tail: Set<string>[] }[] = [];
  const bases: string[] = [];
  const names = new Set<string>();
  const exactWords = new Set<string>();
  let example: string | undefined;
  for (const alt of raw.split('|')) {
    if (alt.startsWith('@')) {
      const members = Object.hasOwn(classes, alt.slice(1)) ? classes[alt.slice(1)] : undefined;
      if (!members) throw new PatternError(`unknown word class "${alt}" in pattern "${pattern}"`);
      const cls = compiledClass(alt.slice(1), members, classes, pattern);
      singles.push(cls.singles);
      sequences.push(...cls.sequences);
      bases.push(...cls.bases);
      for (const name of cls.names) names.add(name);
      example ??= members[0];
    } else {
      const exact = alt.startsWith('=');
      const word = exact ? alt.slice(1) : alt;
      const known = formsOf(word, exact, pattern);
      for (const f of known.forms) own.add(f);
      if (known.parts.length > 1) sequences.push({ head: known.parts[0], tail: known.tail });
      bases.push(known.parts[known.parts.length - 1]);
      if (writtenAsName(word)) names.add(word.toLowerCase());
      if (exact && known.parts.length === 1) exactWords.add(known.parts[0]);
      example ??= word;
    }
  }
  if (!example) throw new PatternError(`empty element in pattern "${pattern}"`);
  if (own.size > 0) singles.unshift(own);
  // Longest first, as step() tries them: "white-hot-stage" before "white-hot".
  sequences.sort((a, b) => b.tail.length - a.tail.length);
  return { singles, heads: new Set(sequences.map((q) => q.head)), sequences, example, bases, names, exact: exactWords };
}

const compiledClasses = new WeakMap<WordClasses, Map<string, { singles: Set<string>; sequences: { head: string; tail: Set<string>[] }[]; bases: string[]; names: Set<string> }>>();

function compiledClass(name: string, members: string[], classes: WordClasses, pattern: string) {
  let byName = compiledClasses.get(classes);
  if (!byName) compiledClasses.set(classes, (byName = new Map()));
  let cls = byName.get(name);
  if (!cls) {
    const singles = new Set<string>();
    const sequences: { head: string; tail: Set<string>[] }[] = [];
    const bases: string[] = [];
    const names = new Set<string>();
    for (const member of members) {
      const known = formsOf(member, false, pattern);
      for (const f of known.forms) singles.add(f);
      if (known.parts.length > 1) sequences.push({ head: known.parts[0], tail: known.tail });
      bases.push(known.parts[known.parts.length - 1]);
      if (writtenAsName(member)) names.add(member.toLowerCase());
    }
    byName.set(name, (cls = { singles, sequences, bases, names }));
  }
  return cls;
}

function formsOf(word: string, exact: boolean, pattern: string): { parts: string[]; forms: string[]; tail: Set<string>[] } {
  const key = (exact ? '=' : '') + word;
  let known = wordForms.get(key);
  if (!known) {
    const tokens = tokenize(word);
    const parts = tokens.filter((t) => t.kind === 'word').map((t) => t.norm);
    if (parts.length === 0 || tokens.some((t) => t.kind !== 'word')) {
      throw new PatternError(`"${word}" in pattern "${pattern}" is not a word; write several words as separate elements or join them with a hyphen`);
    }
    const inflect = (w: string) => (exact ? [w] : inflections(w));
    // "sky-high" is also written "skyhigh"; only the last word inflects ("e-commerce platforms").
    // A capital letter before a hyphen is never closed up: "B-end" is not "bend".
    const forms = parts.length === 1 ? inflect(parts[0]) : /^[A-Z]-/.test(word) ? [] : inflect(parts.join(''));
    const tail = parts.slice(1).map((w, i) => new Set(i === parts.length - 2 ? inflect(w) : [w]));
    wordForms.set(key, (known = { parts, forms, tail }));
  }
  return known;
}

/** Every form a token can take to match the element's first word. */
export function* elementForms(el: WordsElement): Generator<string> {
  for (const set of el.singles) yield* set;
  yield* el.heads;
}

/** Whether a token is one of the one-word alternatives, or the possessive of one ("platform's") not written `=word`. */
function isSingle(el: WordsElement, norm: string): boolean {
  if (inSets(el.singles, norm)) return true;
  if (!isPossessive(norm)) return false;
  const word = norm.slice(0, -2);
  return !el.exact.has(word) && inSets(el.singles, word);
}

function inSets(sets: Set<string>[], norm: string): boolean {
  for (let i = 0; i < sets.length; i++) if (sets[i].has(norm)) return true;
  return false;
}

/** "platform's": a word's possessive, as the tokenizer gives it (lower case, straight apostrophe). */
export function isPossessive(norm: string): boolean {
  return norm.length > 2 && norm.charCodeAt(norm.length - 2) === 0x27 && norm.charCodeAt(norm.length - 1) === 0x73;
}

/** Token index range [from, to) of a match, and the highlighted part of it. */
export interface TokenMatch {
  from: number;
  to: number;
  highlightFrom: number;
  highlightTo: number;
  /** For each element, the token range [from, to) it matched: element e at [2e], [2e + 1]. */
  elements: Int32Array;
}

/**
 * Matches a compiled pattern at token position `at`. Gaps and optional words are tried
 * shortest first, so the match is the tightest one. Punctuation never matches a word, a
 * wildcard or a gap, so a pattern spans a comma only where it names one (",") and never a full stop.
 */
export function matchAt(pattern: CompiledPattern, tokens: readonly Token[], at: number): TokenMatch | null {
  const highlighted: number[] = [];
  const spans = new Int32Array(pattern.elements.length * 2);
  const end = step(pattern.elements, 0, tokens, at, highlighted, spans);
  if (end < 0) return null;
  return {
    from: at,
    to: end,
    // step() pushes token indices in increasing order, so the first and last are the extremes.
    highlightFrom: highlighted.length ? highlighted[0] : at,
    highlightTo: highlighted.length ? highlighted[highlighted.length - 1] + 1 : end,
    elements: spans,
  };
}

// On a successful match each element's span is written last by the attempt that succeeded, so
// spans left over from abandoned attempts are always overwritten.
function step(elements: Element[], e: number, tokens: readonly Token[], t: number, hl: number[], spans: Int32Array): number {
  if (e === elements.length) return t;
  const el = elements[e];
  const mark = hl.length;
  spans[2 * e] = t;
  switch (el.kind) {
    case 'words': {
      if (el.optional) {
        const skipped = withoutIt(elements, e, tokens, t, hl, spans);
        if (skipped >= 0) return skipped;
      }
      const tok = tokens[t];
      if (!tok || tok.kind !== 'word') return -1;
      // Several-word alternatives first: "foundry|foundry-factory" takes in "factory" where it is there.
      if (el.heads.has(tok.norm)) for (const seq of el.sequences) {
        const n = sequenceLength(seq, tokens, t);
        if (n === 0) continue;
        if (el.highlight) for (let k = 0; k < n; k++) hl.push(t + k);
        spans[2 * e] = t;
        spans[2 * e + 1] = t + n;
        const r = step(elements, e + 1, tokens, t + n, hl, spans);
        if (r >= 0) return r;
        hl.length = mark;
      }
      spans[2 * e] = t;
      return isSingle(el, tok.norm) ? takeOne(elements, e, tokens, t, hl, spans) : -1;
    }
    case 'any': {
      const tok = tokens[t];
      return tok && tok.kind === 'word' ? takeOne(elements, e, tokens, t, hl, spans) : -1;
    }
    case 'comma': {
      if (el.optional) {
        const skipped = withoutIt(elements, e, tokens, t, hl, spans);
        if (skipped >= 0) return skipped;
      }
      const tok = tokens[t];
      return tok && tok.kind === 'punct' && (tok.norm === ',' || tok.norm === '，') ? takeOne(elements, e, tokens, t, hl, spans) : -1;
    }
    case 'gap': {
      // n tokens taken, of which `words` are words: a percent sign after a number is read as part of it.
      for (let n = 0, words = 0; words <= el.max; n++) {
        if (n > 0) {
          const tok = tokens[t + n - 1];
          if (!tok) return -1;
          if (tok.kind === 'word') words++;
          else if (!isPercentSign(tokens, t + n - 1)) return -1;
          if (words > el.max) break;
          if (el.highlight) hl.push(t + n - 1);
        }
        spans[2 * e] = t;
        spans[2 * e + 1] = t + n;
        const r = step(elements, e + 1, tokens, t + n, hl, spans);
        if (r >= 0) return r;
        hl.length = mark + (el.highlight ? n : 0);
      }
      hl.length = mark;
      return -1;
    }
  }
}

/** Element e takes token t (already found to fit it) and the rest of the pattern goes on from t + 1; -1, with the state as it was, when the rest fails. */
function takeOne(elements: Element[], e: number, tokens: readonly Token[], t: number, hl: number[], spans: Int32Array): number {
  const mark = hl.length;
  if (elements[e].highlight) hl.push(t);
  spans[2 * e + 1] = t + 1;
  const r = step(elements, e + 1, tokens, t + 1, hl, spans);
  if (r < 0) hl.length = mark;
  return r;
}

/** An optional element tried first as absent; -1, with the state as it was, when the rest then fails. */
function withoutIt(elements: Element[], e: number, tokens: readonly Token[], t: number, hl: number[], spans: Int32Array): number {
  const mark = hl.length;
  spans[2 * e + 1] = t;
  const skipped = step(elements, e + 1, tokens, t, hl, spans);
  if (skipped >= 0) return skipped;
  hl.length = mark;
  spans[2 * e] = t;
  return -1;
}

/** A "%" after a number, which a gap reads through ("optimized [20% of] its staff"); other punctuation ends a match. */
function isPercentSign(tokens: readonly Token[], i: number): boolean {
  const tok = tokens[i];
  return (tok.norm === '%' || tok.norm === '％') && i > 0 && tokens[i - 1].kind === 'word' && /^\d/.test(tokens[i - 1].norm);
}

/** How many tokens from t a several-word alternative covers; 0 when it does not match there. */
function sequenceLength(seq: { head: string; tail: Set<string>[] }, tokens: readonly Token[], t: number): number {
  if (tokens[t].norm !== seq.head) return 0;
  for (let k = 0; k < seq.tail.length; k++) {
    const tok = tokens[t + 1 + k];
    if (!tok || tok.kind !== 'word' || !(seq.tail[k].has(tok.norm) || (isPossessive(tok.norm) && seq.tail[k].has(tok.norm.slice(0, -2))))) return 0;
  }
  return seq.tail.length + 1;
}

/** The forms that can start a match: used to index patterns by their first token. */
export function firstForms(pattern: CompiledPattern): Iterable<string> {
  const first = pattern.elements[0];
  return first.kind === 'words' ? elementForms(first) : [];
}

/** Whether a token can start a match of the pattern (its first word, or that word's possessive). */
export function canStart(pattern: CompiledPattern, norm: string): boolean {
  const first = pattern.elements[0];
  if (first.kind !== 'words') return true;
  return isSingle(first, norm) || first.heads.has(norm);
}
