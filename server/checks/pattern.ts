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
 * Hyphenated words are split like text is, so "high-quality" matches "high quality" too.
 */
export type Element =
  | { kind: 'words'; forms: Set<string>; optional: boolean; highlight: boolean }
  | { kind: 'any'; highlight: boolean }
  | { kind: 'gap'; max: number; highlight: boolean };

export interface CompiledPattern {
  source: string;
  elements: Element[];
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
  if (last.kind === 'gap' || (last.kind === 'words' && last.optional)) {
    throw new PatternError(`pattern "${pattern}" must end with a required word`);
  }
  return { source: pattern, elements };
}

function compileElement(raw: string, classes: WordClasses, highlight: boolean, pattern: string): Element[] {
  if (raw === '*') return [{ kind: 'any', highlight }];
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
  const forms = new Set<string>();
  // An alternative may itself be several tokens after tokenisation ("high-quality", "e-commerce");
  // such alternatives are not supported inside one element, so we reject them loudly.
  for (const alt of raw.split('|')) {
    if (alt.startsWith('@')) {
      const members = classes[alt.slice(1)];
      if (!members) throw new PatternError(`unknown word class "${alt}" in pattern "${pattern}"`);
      for (const member of members) addForms(forms, member, pattern);
    } else if (alt.startsWith('=')) {
      addExact(forms, alt.slice(1), pattern);
    } else {
      addForms(forms, alt, pattern);
    }
  }
  if (forms.size === 0) throw new PatternError(`empty element in pattern "${pattern}"`);
  return [{ kind: 'words', forms, optional, highlight }];
}

function singleToken(word: string, pattern: string): string {
  const tokens = tokenize(word);
  if (tokens.length !== 1) {
    throw new PatternError(`"${word}" in pattern "${pattern}" is not one word; write its parts as separate elements`);
  }
  return tokens[0].norm;
}

function addForms(forms: Set<string>, word: string, pattern: string): void {
  for (const f of inflections(singleToken(word, pattern))) forms.add(f);
}

function addExact(forms: Set<string>, word: string, pattern: string): void {
  forms.add(singleToken(word, pattern));
}

/** Token index range [from, to) of a match, and the highlighted part of it. */
export interface TokenMatch {
  from: number;
  to: number;
  highlightFrom: number;
  highlightTo: number;
}

/**
 * Matches a compiled pattern at token position `at`. Gaps and optional words are tried
 * shortest first, so the match is the tightest one. Punctuation tokens never match an element,
 * so a pattern never spans a comma or a full stop.
 */
export function matchAt(pattern: CompiledPattern, tokens: Token[], at: number): TokenMatch | null {
  const highlighted: number[] = [];
  const end = step(pattern.elements, 0, tokens, at, highlighted);
  if (end < 0) return null;
  return {
    from: at,
    to: end,
    // step() pushes token indices in increasing order, so the first and last are the extremes.
    highlightFrom: highlighted.length ? highlighted[0] : at,
    highlightTo: highlighted.length ? highlighted[highlighted.length - 1] + 1 : end,
  };
}

function step(elements: Element[], e: number, tokens: Token[], t: number, hl: number[]): number {
  if (e === elements.length) return t;
  const el = elements[e];
  const mark = hl.length;
  switch (el.kind) {
    case 'words': {
      if (el.optional) {
        const skipped = step(elements, e + 1, tokens, t, hl);
        if (skipped >= 0) return skipped;
        hl.length = mark;
      }
      const tok = tokens[t];
      if (!tok || tok.kind !== 'word' || !el.forms.has(tok.norm)) return -1;
      if (el.highlight) hl.push(t);
      const r = step(elements, e + 1, tokens, t + 1, hl);
      if (r < 0) hl.length = mark;
      return r;
    }
    case 'any': {
      const tok = tokens[t];
      if (!tok || tok.kind !== 'word') return -1;
      if (el.highlight) hl.push(t);
      const r = step(elements, e + 1, tokens, t + 1, hl);
      if (r < 0) hl.length = mark;
      return r;
    }
    case 'gap': {
      for (let n = 0; n <= el.max; n++) {
        if (n > 0) {
          const tok = tokens[t + n - 1];
          if (!tok || tok.kind !== 'word') return -1;
        }
        const r = step(elements, e + 1, tokens, t + n, hl);
        if (r >= 0) return r;
        hl.length = mark;
      }
      return -1;
    }
  }
}

/** The forms that can start a match: used to index patterns by their first token. */
export function firstForms(pattern: CompiledPattern): Set<string> {
  const first = pattern.elements[0];
  return first.kind === 'words' ? first.forms : new Set();
}
