/**
 * Length-based sentence alignment after Gale & Church (1993), "A Program for Aligning Sentences
 * in Bilingual Corpora". A translation's length in characters is roughly proportional to the
 * original's, so a dynamic program chooses the sequence of 1–1, 1–2, 2–1, 2–2, 1–0 and 0–1 links
 * whose length differences are most probable under a normal model.
 */
import { segmentDocument } from './segment';

/** Indices of the sentences (or paragraphs) on each side that translate each other. */
export interface Link {
  source: number[];
  target: number[];
}

export interface SideCounts {
  sourceParagraphs?: number;
  sourceSentences?: number;
  mtParagraphs?: number;
  mtSentences?: number;
}

export interface AlignedSegment {
  /** 0-based paragraph index on the target side. */
  paragraph: number;
  source: string;
  target: string;
}

/** Aligns sentences; `ratio` is the expected target length per source character. */
export function alignSentences(source: string[], target: string[], ratio?: number): Link[] {
  const sourceLengths = source.map((s) => s.length);
  const targetLengths = target.map((s) => s.length);
  return alignLengths(sourceLengths, targetLengths, ratio ?? lengthRatio(sourceLengths, targetLengths), SENTENCE_PRIORS);
}

/** Aligns paragraphs given as arrays of sentences: by index when the counts agree, else by length. */
export function alignParagraphs(source: string[][], target: string[][]): Link[] {
  if (source.length === target.length) return source.map((_, i) => ({ source: [i], target: [i] }));
  const sourceLengths = source.map(paragraphLength);
  const targetLengths = target.map(paragraphLength);
  return alignLengths(sourceLengths, targetLengths, lengthRatio(sourceLengths, targetLengths), PARAGRAPH_PRIORS);
}

/**
 * Splits both texts into paragraphs and sentences and aligns them, one segment per link.
 * Source sentences with no translation are kept (with target '') so a reviewer sees omissions.
 */
export function alignDocument(
  sourceText: string | undefined,
  targetText: string,
  sourceLang: string,
  targetLang: string,
  /** Filled with the paragraph and sentence counts of both sides, for the import's alignment note. */
  counts?: SideCounts,
): AlignedSegment[] {
  const targetParagraphs = sentencesByParagraph(targetText, targetLang);
  if (counts) {
    counts.mtParagraphs = targetParagraphs.length;
    counts.mtSentences = targetParagraphs.reduce((n, p) => n + p.length, 0);
  }
  if (sourceText === undefined || sourceText.trim() === '') {
    return targetParagraphs.flatMap((sentences, paragraph) =>
      sentences.map((target) => ({ paragraph, source: '', target })),
    );
  }
  const sourceParagraphs = sentencesByParagraph(sourceText, sourceLang);
  if (counts) {
    counts.sourceParagraphs = sourceParagraphs.length;
    counts.sourceSentences = sourceParagraphs.reduce((n, p) => n + p.length, 0);
  }
  const ratio = lengthRatio(sourceParagraphs.map(paragraphLength), targetParagraphs.map(paragraphLength));
  const sourceJoiner = joinerFor(sourceLang);
  const targetJoiner = joinerFor(targetLang);

  const segments: { paragraph: number | undefined; source: string; target: string }[] = [];
  for (const paragraphLink of alignParagraphs(sourceParagraphs, targetParagraphs)) {
    const sources = paragraphLink.source.flatMap((p) => sourceParagraphs[p]);
    const targets = paragraphLink.target.flatMap((p) => targetParagraphs[p].map((text) => ({ text, paragraph: p })));
    for (const link of alignSentences(sources, targets.map((t) => t.text), ratio)) {
      segments.push({
        paragraph: link.target.length > 0 ? targets[link.target[0]].paragraph : undefined,
        source: link.source.map((i) => sources[i]).join(sourceJoiner),
        target: link.target.map((i) => targets[i].text).join(targetJoiner),
      });
    }
  }
  return fillSourceOnlyParagraphs(segments);
}

/** A source-only segment belongs to the paragraph before it, or after it at the very start. */
function fillSourceOnlyParagraphs(
  segments: { paragraph: number | undefined; source: string; target: string }[],
): AlignedSegment[] {
  let next = 0;
  const following: number[] = new Array(segments.length);
  for (let k = segments.length - 1; k >= 0; k--) {
    next = segments[k].paragraph ?? next;
    following[k] = next;
  }
  let previous: number | undefined;
  return segments.map((segment, k) => {
    previous = segment.paragraph ?? previous;
    return { paragraph: previous ?? following[k], source: segment.source, target: segment.target };
  });
}

function sentencesByParagraph(text: string, lang: string): string[][] {
  return segmentDocument(text, lang).paragraphs.map((p) => p.sentences.map((s) => s.text));
}

function paragraphLength(sentences: string[]): number {
  return sentences.reduce((sum, s) => sum + s.length, 0);
}

function joinerFor(lang: string): string {
  return /^(zh|ja|yue|wuu|lzh)\b/i.test(lang) ? '' : ' ';
}

function lengthRatio(sourceLengths: number[], targetLengths: number[]): number {
  const sourceTotal = sourceLengths.reduce((a, b) => a + b, 0);
  const targetTotal = targetLengths.reduce((a, b) => a + b, 0);
  return sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1;
}

interface Move {
  sourceCount: number;
  targetCount: number;
  /** -log of the prior probability of this kind of link. */
  penalty: number;
}

function moves(priors: Record<'1-1' | '1-0' | '2-1' | '2-2', number>): Move[] {
  const move = (sourceCount: number, targetCount: number, p: number) => ({ sourceCount, targetCount, penalty: -Math.log(p) });
  return [
    move(1, 1, priors['1-1']),
    move(1, 0, priors['1-0'] / 2),
    move(0, 1, priors['1-0'] / 2),
    move(2, 1, priors['2-1'] / 2),
    move(1, 2, priors['2-1'] / 2),
    move(2, 2, priors['2-2']),
  ];
}

// The priors Gale & Church measured on the Hansards.
const SENTENCE_PRIORS = moves({ '1-1': 0.89, '1-0': 0.0099, '2-1': 0.089, '2-2': 0.011 });
// Paragraph counts differ only when something was merged, split or dropped, so those are likelier.
const PARAGRAPH_PRIORS = moves({ '1-1': 0.7, '1-0': 0.06, '2-1': 0.2, '2-2': 0.04 });

// Hot-loop globals bound once: under Jest's vm sandbox every global lookup is slow.
const { abs, log, sqrt, SQRT2 } = Math;
const UNREACHED = Number.POSITIVE_INFINITY;

/** Variance of the length difference per character (Gale & Church's s² = 6.8). */
const VARIANCE = 6.8;

/**
 * -log P(lengths | link). Both lengths are scaled into characters of the wordier side, which is
 * what Gale & Church's variance was measured in, so zh→en and en→zh cost the same.
 */
function lengthCost(sourceLength: number, targetLength: number, ratio: number): number {
  const source = ratio >= 1 ? sourceLength * ratio : sourceLength;
  const target = ratio >= 1 ? targetLength : targetLength / ratio;
  if (source === 0 && target === 0) return 0;
  const z = abs(source - target) / sqrt((VARIANCE * (source + target)) / 2);
  // P(|Z| >= z) for a standard normal Z is erfc(z / √2).
  return -logErfc(z / SQRT2);
}

/** log(erfc(x)) for x >= 0, in log space so large x does not underflow (Numerical Recipes' erfcc). */
function logErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
      t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return log(t) - x * x + poly;
}

/** Largest DP table we allow before giving up on widening the band (cells). */
const MAX_CELLS = 12_000_000;
const INITIAL_HALF_WIDTH = 64;

/**
 * The dynamic program over a band around the diagonal, stored in typed arrays. When the best
 * path runs along the band's edge it may have been squeezed, so the band is widened and the
 * search repeated.
 */
function alignLengths(sourceLengths: number[], targetLengths: number[], ratio: number, moveSet: Move[]): Link[] {
  const n = sourceLengths.length;
  const m = targetLengths.length;
  if (n === 0 || m === 0) return linksOf(straightPath(n, m));
  const sourcePrefix = prefixSums(sourceLengths);
  const targetPrefix = prefixSums(targetLengths);
  // Consecutive rows of the band must overlap, or (n, m) could not be reached from (0, 0).
  let halfWidth = Math.max(INITIAL_HALF_WIDTH, Math.ceil(Math.max(n, m) / 20), Math.ceil(m / n) + 2);
  for (;;) {
    const band = makeBand(n, m, halfWidth);
    const path = bestPath(band, sourcePrefix, targetPrefix, ratio, moveSet);
    const mayBeSqueezed = band.width < m + 1 && path.some(([i, j]) => isNearEdge(band, i, j));
    const widerFits = (n + 1) * (4 * halfWidth + 1) <= MAX_CELLS;
    if (!mayBeSqueezed || !widerFits) return linksOf(path);
    halfWidth *= 2;
  }
}

/**
 * The cells (i, j) with |j - i·m/n| <= halfWidth: row i holds j from rowStart[i] to
 * rowStart[i] + width - 1, at cost[i * width + j - rowStart[i]].
 */
interface Band {
  n: number;
  m: number;
  width: number;
  rowStart: Int32Array;
  cost: Float64Array;
  move: Int8Array;
}

function makeBand(n: number, m: number, halfWidth: number): Band {
  const width = Math.min(2 * halfWidth + 1, m + 1);
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const centre = Math.round((i * m) / n);
    rowStart[i] = Math.min(Math.max(0, centre - halfWidth), m + 1 - width);
  }
  const cells = (n + 1) * width;
  return { n, m, width, rowStart, cost: new Float64Array(cells).fill(UNREACHED), move: new Int8Array(cells).fill(-1) };
}

function isNearEdge(band: Band, i: number, j: number): boolean {
  const start = band.rowStart[i];
  const end = start + band.width - 1;
  return (j - start < 2 && start > 0) || (end - j < 2 && end < band.m);
}

/** Fills the band and returns the cheapest path from (0, 0) to (n, m) as a list of cells. */
function bestPath(band: Band, sourcePrefix: number[], targetPrefix: number[], ratio: number, moveSet: Move[]): [number, number][] {
  const { n, m, width, rowStart, cost, move } = band;
  cost[0] = 0;
  for (let i = 0; i <= n; i++) {
    const start = rowStart[i];
    for (let j = start; j < start + width; j++) {
      const here = i * width + j - start;
      for (let k = 0; k < moveSet.length; k++) {
        const di = moveSet[k].sourceCount;
        const dj = moveSet[k].targetCount;
        if (i < di || j < dj) continue;
        const offset = j - dj - rowStart[i - di];
        if (offset < 0 || offset >= width) continue;
        const from = (i - di) * width + offset;
        if (cost[from] === UNREACHED) continue;
        const sourceLength = sourcePrefix[i] - sourcePrefix[i - di];
        const targetLength = targetPrefix[j] - targetPrefix[j - dj];
        const total = cost[from] + moveSet[k].penalty + lengthCost(sourceLength, targetLength, ratio);
        if (total < cost[here]) {
          cost[here] = total;
          move[here] = k;
        }
      }
    }
  }
  const path: [number, number][] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    path.push([i, j]);
    const { sourceCount, targetCount } = moveSet[move[i * width + j - rowStart[i]]];
    i -= sourceCount;
    j -= targetCount;
  }
  path.push([0, 0]);
  return path.reverse();
}

/** The path when one side is empty: every sentence of the other side on its own. */
function straightPath(n: number, m: number): [number, number][] {
  const path: [number, number][] = [[0, 0]];
  for (let i = 1; i <= n; i++) path.push([i, 0]);
  for (let j = 1; j <= m; j++) path.push([0, j]);
  return path;
}

function linksOf(path: [number, number][]): Link[] {
  const links: Link[] = [];
  for (let k = 1; k < path.length; k++) {
    const [i0, j0] = path[k - 1];
    const [i1, j1] = path[k];
    links.push({ source: range(i0, i1), target: range(j0, j1) });
  }
  return links;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

function prefixSums(values: number[]): number[] {
  const sums = [0];
  for (const v of values) sums.push(sums[sums.length - 1] + v);
  return sums;
}
