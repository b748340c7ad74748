/**
 * Paragraph and sentence segmentation with UTF-16 offsets into the original text.
 *
 * Sentences come from Intl.Segmenter, repaired for English abbreviations and Chinese ellipses.
 * ICU's sentence segmenter is quadratic in the length of the string it is given, so it only
 * ever sees one line, and a very long line is first cut into bounded chunks at places where a
 * sentence can end. The whole pipeline is linear in the input length.
 */
export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface SegmentedParagraph {
  span: Span;
  sentences: Span[];
}

export function segmentDocument(text: string, lang: string): { paragraphs: SegmentedParagraph[] } {
  const paragraphs = splitParagraphs(text).map((span) => ({
    span,
    sentences: splitSentences(span.text, lang, span.start),
  }));
  return { paragraphs };
}

/** Paragraphs are runs of non-blank lines; one or more whitespace-only lines separate them. */
export function splitParagraphs(text: string): Span[] {
  const paragraphs: Span[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  for (const [start, end] of lineRanges(text, text.startsWith(BOM) ? 1 : 0, text.length)) {
    if (isBlank(text, start, end)) {
      if (paragraphStart >= 0) pushTrimmed(paragraphs, text, paragraphStart, paragraphEnd);
      paragraphStart = -1;
    } else {
      if (paragraphStart < 0) paragraphStart = start;
      paragraphEnd = end;
    }
  }
  if (paragraphStart >= 0) pushTrimmed(paragraphs, text, paragraphStart, paragraphEnd);
  return paragraphs;
}

/** Sentences of one paragraph; `offset` is where `text` starts in the document. */
export function splitSentences(text: string, lang: string, offset = 0): Span[] {
  const sentences: Span[] = [];
  const segmenter = segmenterFor(lang);
  for (const [start, end] of lineRanges(text, text.startsWith(BOM) ? 1 : 0, text.length)) {
    if (isBlank(text, start, end)) continue;
    for (const [s, e] of sentenceRangesOfLine(text, start, end, segmenter)) {
      pushTrimmed(sentences, text, s, e, offset);
    }
  }
  return sentences;
}

const BOM = '\uFEFF';
/** Longest string handed to Intl.Segmenter; its cost grows with the square of this. */
const MAX_CHUNK = 2000;

const CLOSERS = '"\'”’」』）】》)]»';
const OPENERS = '“‘「『（【《(«';
const CJK_TERMINATORS = '。！？';
const TERMINATORS = '.!?…' + CJK_TERMINATORS;

type Range = [start: number, end: number];

function* lineRanges(text: string, from: number, to: number): Generator<Range> {
  const lineBreak = /\r\n|\r|\n/g;
  lineBreak.lastIndex = from;
  let start = from;
  let m: RegExpExecArray | null;
  while ((m = lineBreak.exec(text)) !== null && m.index < to) {
    yield [start, m.index];
    start = m.index + m[0].length;
  }
  yield [start, to];
}

function isWhitespace(ch: string): boolean {
  // Same set as String.prototype.trim, which includes the BOM and no-break spaces.
  return ch.trim() === '';
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isWhitespace(text[i])) return false;
  return true;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number, offset = 0): void {
  while (start < end && isWhitespace(text[start])) start++;
  while (end > start && isWhitespace(text[end - 1])) end--;
  if (end > start) spans.push({ text: text.slice(start, end), start: start + offset, end: end + offset });
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(lang: string): Intl.Segmenter {
  let segmenter = segmenters.get(lang);
  if (!segmenter) {
    try {
      segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
    }
    segmenters.set(lang, segmenter);
  }
  return segmenter;
}

function sentenceRangesOfLine(text: string, start: number, end: number, segmenter: Intl.Segmenter): Range[] {
  const pieces: Range[] = [];
  for (const [chunkStart, chunkEnd] of chunksOfLine(text, start, end)) {
    for (const piece of segmenter.segment(text.slice(chunkStart, chunkEnd))) {
      const pieceStart = chunkStart + piece.index;
      pieces.push([pieceStart, pieceStart + piece.segment.length]);
    }
  }
  return joinFalseBreaks(text, splitAtChineseEllipses(text, pieces));
}

/** Cuts a line into pieces of at most MAX_CHUNK, preferring places where a sentence ends. */
function chunksOfLine(text: string, start: number, end: number): Range[] {
  const chunks: Range[] = [];
  let from = start;
  while (end - from > MAX_CHUNK) {
    const cut = findCut(text, from, from + MAX_CHUNK);
    chunks.push([from, cut]);
    from = cut;
  }
  chunks.push([from, end]);
  return chunks;
}

/** The last sentence-like end in (from, limit], else the last space, else `limit` itself. */
function findCut(text: string, from: number, limit: number): number {
  const floor = from + MAX_CHUNK / 4;
  let lastSpace = -1;
  for (let i = limit; i > floor; i--) {
    const before = text[i - 1];
    if (CJK_TERMINATORS.includes(before)) return i;
    if (isWhitespace(before) && !isWhitespace(text[i])) {
      if (lastSpace < 0) lastSpace = i;
      if (endsLikeSentence(text, floor, i) && !isLowercase(text[i])) return i;
    }
  }
  if (lastSpace > 0) return lastSpace;
  // Never cut a surrogate pair in half.
  return isLowSurrogate(text.charCodeAt(limit)) ? limit - 1 : limit;
}

/** Whether the text before `i` (ignoring spaces and closing quotes) ends with a terminator. */
function endsLikeSentence(text: string, floor: number, i: number): boolean {
  let j = i;
  while (j > floor && isWhitespace(text[j - 1])) j--;
  while (j > floor && CLOSERS.includes(text[j - 1])) j--;
  return j > floor && TERMINATORS.includes(text[j - 1]);
}

function isLowercase(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// ICU does not treat "……" as a sentence end in Chinese; a Chinese ellipsis (and any closing
// quotes after it) ends the sentence unless more punctuation follows it.
const CHINESE_ELLIPSIS = /(?<=[\p{Script=Han}，、；：“‘「『])…+[”’」』）】》]*(?=[^\s…。！？，、；：,.!?;:”’」』）】》])/gu;

function splitAtChineseEllipses(text: string, pieces: Range[]): Range[] {
  const result: Range[] = [];
  for (const [start, end] of pieces) {
    const piece = text.slice(start, end);
    if (!piece.includes('…')) {
      result.push([start, end]);
      continue;
    }
    let from = start;
    CHINESE_ELLIPSIS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = CHINESE_ELLIPSIS.exec(piece)) !== null) {
      const cut = start + m.index + m[0].length;
      result.push([from, cut]);
      from = cut;
    }
    result.push([from, end]);
  }
  return result;
}

/** Abbreviations that practically never end a sentence (lower-cased, final dot removed). */
const TITLES_AND_PREFIXES = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'mt', 'ft', 'gen', 'gov', 'sen', 'rep', 'rev', 'capt',
  'col', 'lt', 'sgt', 'vs', 'v', 'cf', 'fig', 'e.g', 'i.e', 'approx', 'dept', 'est',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** Abbreviations that often end a sentence too: they join only when the next word shows
 * the sentence goes on. Dotted acronyms like U.S. or a.m. are recognised by shape. */
const AMBIGUOUS_ABBREVIATIONS = new Set([
  'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'bros', 'etc', 'no', 'nos', 'al',
]);

/** Capitalised words that usually start a new sentence after an ambiguous abbreviation. */
const SENTENCE_STARTERS = new Set([
  'a', 'an', 'the', 'it', 'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their',
  'our', 'my', 'this', 'that', 'these', 'those', 'there', 'here', 'but', 'and', 'or', 'so',
  'yet', 'however', 'meanwhile', 'in', 'on', 'at', 'for', 'as', 'after', 'before', 'when',
  'while', 'if', 'then', 'also', 'some', 'many', 'most', 'one', 'both', 'each', 'according',
  'what', 'why', 'how', 'who', 'where', 'still', 'since', 'last', 'next', 'now', 'today',
]);

function joinFalseBreaks(text: string, pieces: Range[]): Range[] {
  const joined: Range[] = [];
  for (const piece of pieces) {
    const previous = joined[joined.length - 1];
    if (previous && isFalseBreak(text, previous, piece)) {
      previous[1] = piece[1];
    } else {
      joined.push([piece[0], piece[1]]);
    }
  }
  return moveStrandedOpeners(text, joined);
}

function isFalseBreak(text: string, previous: Range, next: Range): boolean {
  const before = text.slice(previous[0], previous[1]).trimEnd();
  const after = text.slice(next[0], next[1]).trimStart();
  if (!before.endsWith('.') || after === '') return false;
  if (/^\(?\d{1,3}[.)]$/.test(before)) return true; // a list number: "1. First step."

  const word = lastWord(before);
  const bare = word.slice(0, -1).toLowerCase();
  if (/^\p{Lu}\.$/u.test(word)) return true; // an initial: "J. K. Rowling"
  if (TITLES_AND_PREFIXES.has(bare)) return true;
  if (bare === 'no' || bare === 'nos') return /^\d/.test(after);

  const isDottedAcronym = /^(?:\p{L}\.)+\p{L}$/u.test(bare); // U.S., a.m., p.m.
  if (!isDottedAcronym && !AMBIGUOUS_ABBREVIATIONS.has(bare)) return false;
  return goesOn(after);
}

/**
 * What follows the last space, opening bracket or opening quote of a text. A backward scan: a regex
 * anchored at $ would try every start of the sentence.
 */
function lastWord(text: string): string {
  let i = text.length;
  while (i > 0 && !WORD_BOUNDARY.test(text[i - 1])) i--;
  return text.slice(i);
}

const WORD_BOUNDARY = /[\s(“"'‘]/;

/** Whether text after an ambiguous abbreviation continues the same sentence. */
function goesOn(after: string): boolean {
  const first = after[0];
  if (/[\p{Ll}\p{N},;:)\]–-]/u.test(first)) return true;
  const word = /^\p{Lu}[\p{L}']*/u.exec(after);
  return word !== null && !SENTENCE_STARTERS.has(word[0].toLowerCase());
}

/** ICU leaves an opening quote at the end of the sentence before ("know?“No,” he said"). */
function moveStrandedOpeners(text: string, pieces: Range[]): Range[] {
  for (let k = 0; k + 1 < pieces.length; k++) {
    let end = pieces[k][1];
    while (end > pieces[k][0] && isWhitespace(text[end - 1])) end--;
    let cut = end;
    while (cut > pieces[k][0] && OPENERS.includes(text[cut - 1])) cut--;
    if (cut < end && cut > pieces[k][0]) {
      pieces[k][1] = cut;
      pieces[k + 1][0] = cut;
    }
  }
  return pieces;
}
