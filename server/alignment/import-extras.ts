import type { Store } from '../db/store';
import { checkAlignment } from './detect';
import type { SideCounts } from '../text/align';

/** What an import knows besides the segments: the texts it aligned, and a .docx file's paragraph styles. */
export interface ImportExtras {
  texts?: { sourceText?: string; mtText: string; sourceLang: string; targetLang: string };
  /** The counts the aligner found, so that the texts are not segmented twice. */
  counts?: SideCounts;
  /** Style name of each MT paragraph, in order ('' for the default style). */
  paragraphStyles?: string[];
}

export const ALIGNMENT_KEY = 'alignment';

/** Stores, inside the import's transaction, the alignment note, the suspect rows and the paragraph styles. */
export function recordImportExtras(store: Store, documentId: number, extras: ImportExtras, rows: ReadonlyArray<{ source: string; mt: string }>, ids: number[]): void {
  if (extras.texts) {
    const check = checkAlignment(extras.texts, rows, extras.counts);
    if (check) {
      store.settings.set(documentId, ALIGNMENT_KEY, check.note);
      for (const s of check.suspects) store.alignment.mark(ids[s.index], s.reason);
    }
  }
  extras.paragraphStyles?.forEach((style, paragraph) => {
    if (style) store.styles.set(documentId, paragraph, style);
  });
}
