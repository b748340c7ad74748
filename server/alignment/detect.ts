import { segmentDocument, splitSentences } from '../text/segment';
import type { AlignmentNote } from '../db/alignment';
import type { SideCounts } from '../text/align';

function countSides(texts: { sourceText?: string; mtText: string; sourceLang: string; targetLang: string }): SideCounts {
  const source = segmentDocument(texts.sourceText ?? '', texts.sourceLang).paragraphs;
  const mt = segmentDocument(texts.mtText, texts.targetLang).paragraphs;
  const count = (ps: typeof source) => ps.reduce((n, p) => n + p.sentences.length, 0);
  return { sourceParagraphs: source.length, sourceSentences: count(source), mtParagraphs: mt.length, mtSentences: count(mt) };
}

export interface AlignmentCheck {
  note: AlignmentNote;
  /** Index of each row most likely misaligned, with why. */
  suspects: Array<{ index: number; reason: string }>;
}

/** How far a row's MT may be from the document's MT-per-source length ratio before it is suspect. */
const RATIO_SPREAD = 2.5;
const MIN_CHARS = 12;

/**
 * Compares the paragraph and sentence counts of source and MT. When they differ the aligner had to
 * guess, and the rows where it most likely guessed wrong are those with a side missing, with
 * several sentences joined on one side, or whose lengths are far from the document's ratio.
 * When the counts agree every row is a 1–1 link and nothing is marked.
 */
export function checkAlignment(
  texts: { sourceText?: string; mtText: string; sourceLang: string; targetLang: string },
  rows: ReadonlyArray<{ source: string; mt: string }>,
  known?: SideCounts,
): AlignmentCheck | undefined {
  if (texts.sourceText === undefined || texts.sourceText.trim() === '') return undefined;
  const counts = known?.sourceSentences !== undefined && known.mtSentences !== undefined ? known : countSides(texts);
  const note: AlignmentNote = {
    sourceParagraphs: counts.sourceParagraphs ?? 0,
    mtParagraphs: counts.mtParagraphs ?? 0,
    sourceSentences: counts.sourceSentences ?? 0,
    mtSentences: counts.mtSentences ?? 0,
    differs: false,
  };
  note.differs = note.sourceParagraphs !== note.mtParagraphs || note.sourceSentences !== note.mtSentences;
  if (!note.differs) return { note, suspects: [] };
  const totalSource = rows.reduce((n, r) => n + r.source.length, 0);
  const totalMt = rows.reduce((n, r) => n + r.mt.length, 0);
  const ratio = totalSource === 0 ? 1 : totalMt / totalSource;
  const suspects: AlignmentCheck['suspects'] = [];
  rows.forEach((row, index) => {
    if (row.mt.trim() === '') return void suspects.push({ index, reason: 'The source has no machine translation in this row.' });
    if (row.source.trim() === '') return void suspects.push({ index, reason: 'The machine translation has no source in this row.' });
    const s = splitSentences(row.source, texts.sourceLang).length;
    const m = splitSentences(row.mt, texts.targetLang).length;
    if (s !== m) return void suspects.push({ index, reason: `${s} source sentence${s === 1 ? '' : 's'} joined with ${m} of the machine translation.` });
    if (row.source.length + row.mt.length < MIN_CHARS) return;
    const own = row.mt.length / Math.max(1, row.source.length);
    if (own > ratio * RATIO_SPREAD || own < ratio / RATIO_SPREAD) suspects.push({ index, reason: 'The lengths of source and machine translation do not match the rest of the document.' });
  });
  return { note, suspects };
}
