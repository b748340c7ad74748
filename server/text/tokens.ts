/** A word, number or punctuation mark with its UTF-16 offsets in the text it came from. */
export interface Token {
  /** Lower-cased, with typographic apostrophes folded to ASCII. */
  norm: string;
  start: number;
  end: number;
  kind: 'word' | 'punct';
}

// Letters/digits, allowing inner apostrophes (editor's, don't) and inner dots in numbers (3.5).
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*(?:[.,][\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const HAN = /\p{Script=Han}/u;

/**
 * Splits text into tokens. Hyphens between letters are dropped, so "high-quality" and
 * "high quality" tokenise alike; every other punctuation mark is a token of its own, which
 * stops phrase patterns from matching across it. Han characters are one token each.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Matching on the lower-cased text makes most tokens their own norm. Lower-casing keeps every
  // character's class and never shortens a string; when it lengthens one (İ), offsets would shift,
  // so such a text is matched as it is. (Greek final sigma, which depends on what follows, may
  // come out as σ rather than ς before punctuation: harmless for matching English.)
  const lower = text.toLowerCase();
  const folded = lower.length === text.length;
  const source = folded ? lower : text;
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(source)) !== null) {
    const raw = m[0];
    const start = m.index;
    const first = raw.charCodeAt(0);
    if (raw.length === 1 && first < 0x80 && !isAsciiAlnum(first)) {
      if (first === 0x2d && isJoiningHyphen(text, start)) continue;
      tokens.push({ norm: raw, start, end: start + 1, kind: 'punct' });
      continue;
    }
    // ASCII tokens (nearly all of an English text) skip the Unicode-class tests.
    if (isAscii(raw)) {
      tokens.push({ norm: folded ? raw : raw.toLowerCase(), start, end: start + raw.length, kind: 'word' });
      continue;
    }
    if (raw.length > 1 && HAN.test(raw)) {
      for (let i = 0; i < raw.length; i++) tokens.push({ norm: normalizeWord(raw[i]), start: start + i, end: start + i + 1, kind: 'word' });
      continue;
    }
    tokens.push({ norm: normalizeWord(raw), start, end: start + raw.length, kind: WORD_START.test(raw[0]) ? 'word' : 'punct' });
  }
  return tokens;
}

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

const WORD_START = /[\p{L}\p{M}\p{N}]/u;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isJoiningHyphen(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + 1);
  return isAlnum(before) && isAlnum(after);
}

function isAlnum(code: number): boolean {
  if (Number.isNaN(code)) return false;
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/** Number of word tokens; used for word counts and edit distance. */
export function countWords(text: string): number {
  let n = 0;
  for (const t of tokenize(text)) if (t.kind === 'word') n++;
  return n;
}
