import { diffHunks } from '../text/word-diff';
import { escapeHtml } from './html';

/** A word-level diff of `before` → `after` as HTML with <del> and <ins>. */
export function wordDiffHtml(before: string, after: string): string {
  return diffHunks(before, after)
    .map((h) => {
      if (h.kind === 'same') return escapeHtml(h.added);
      return (h.removed ? `<del>${escapeHtml(h.removed)}</del>` : '') + (h.added ? `<ins>${escapeHtml(h.added)}</ins>` : '');
    })
    .join('');
}

export { wordEdits } from '../text/word-diff';
