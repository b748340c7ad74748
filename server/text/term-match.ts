import { canStart, compilePattern, matchAt, PatternError, type CompiledPattern } from '../checks/pattern';
import { tokenize, type Token } from './tokens';

export interface Span {
  start: number;
  end: number;
}

const HAN = /\p{Script=Han}/u;
const compiled = new Map<string, CompiledPattern | null>();
const MAX_CACHED = 5000;

/**
 * A glossary term as a token pattern: its last word in any inflected form ("big model" finds "big
 * models"), hyphens and spaces alike, as phrase rules match. Null when the term has no words or
 * has punctuation inside ("U.S."): such a term is looked for as it is written, ignoring case.
 */
function patternOf(term: string): CompiledPattern | null {
  let pattern = compiled.get(term);
  if (pattern !== undefined) return pattern;
  const tokens = tokenize(term);
  pattern = null;
  if (tokens.length > 0 && tokens.every((t) => t.kind === 'word')) {
    try {
      // Only the last word inflects, as in a noun phrase: "big model" finds "big models", not "bigger model".
      pattern = compilePattern(tokens.map((t, i) => (i < tokens.length - 1 ? `=${t.norm}` : t.norm)).join(' '));
    } catch (err) {
      if (!(err instanceof PatternError)) throw err;
    }
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(term, pattern);
  return pattern;
}

/**
 * Where a term occurs in a text. Chinese (or any Han) terms are found as written; others through
 * the phrase-rule token matcher, so that inflected forms count.
 */
export function findTerm(text: string, term: string, tokens?: Token[]): Span[] {
  const trimmed = term.trim();
  if (trimmed === '' || text === '') return [];
  if (HAN.test(trimmed)) return literal(text, trimmed, false);
  const pattern = patternOf(trimmed);
  if (!pattern) return literal(text, trimmed, true);
  const toks = tokens ?? tokenize(text);
  const spans: Span[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].kind !== 'word' || !canStart(pattern, toks[i].norm)) continue;
    const m = matchAt(pattern, toks, i);
    if (!m) continue;
    spans.push({ start: toks[m.from].start, end: toks[m.to - 1].end });
    i = m.to - 1;
  }
  return spans;
}

function literal(text: string, term: string, ignoreCase: boolean): Span[] {
  const haystack = ignoreCase ? text.toLowerCase() : text;
  const needle = ignoreCase ? term.toLowerCase() : term;
  if (haystack.length !== text.length || needle.length !== term.length) return [];
  const spans: Span[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    spans.push({ start: at, end: at + needle.length });
  }
  return spans;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
