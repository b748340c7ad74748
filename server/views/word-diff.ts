import { diffWordsWithSpace } from 'diff';
import { escapeHtml } from './html';

/** A word-level diff of `before` → `after` as HTML with <del> and <ins>. */
export function wordDiffHtml(before: string, after: string): string {
  return diffWordsWithSpace(before, after)
    .map((part) => {
      const text = escapeHtml(part.value);
      if (part.added) return `<ins>${text}</ins>`;
      if (part.removed) return `<del>${text}</del>`;
      return text;
    })
    .join('');
}

/** Word-level edits needed to turn `before` into `after` (insertions + deletions, a substitution counting once). */
export function wordEdits(before: string, after: string): number {
  let edits = 0;
  let pendingRemoved = 0;
  for (const part of diffWordsWithSpace(before, after)) {
    const words = part.value.split(/\s+/).filter(Boolean).length;
    if (part.removed) pendingRemoved += words;
    else if (part.added) {
      edits += Math.max(words, pendingRemoved);
      pendingRemoved = 0;
    } else {
      edits += pendingRemoved;
      pendingRemoved = 0;
    }
  }
  return edits + pendingRemoved;
}
