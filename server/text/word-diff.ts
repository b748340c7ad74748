import { diffWordsWithSpace, type Change } from 'diff';

interface Hunk {
  kind: 'same' | 'change';
  removed: string;
  added: string;
}

/**
 * Word diff with changes separated only by spaces merged into one hunk, so "will land" →
 * "goes live" reads as one replacement instead of two interleaved ones.
 */
export function diffHunks(before: string, after: string): Hunk[] {
  const parts: Change[] = diffWordsWithSpace(before, after);
  const hunks: Hunk[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const last = hunks[hunks.length - 1];
    const changed = part.added || part.removed;
    const joinsChanges = !changed && /^\s+$/.test(part.value) && last?.kind === 'change' && (parts[i + 1]?.added || parts[i + 1]?.removed);
    if (changed || joinsChanges) {
      const hunk = last?.kind === 'change' ? last : (hunks[hunks.length] = { kind: 'change', removed: '', added: '' });
      if (!part.added) hunk.removed += part.value;
      if (!part.removed) hunk.added += part.value;
    } else {
      hunks.push({ kind: 'same', removed: part.value, added: part.value });
    }
  }
  return hunks;
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Word-level edits needed to turn `before` into `after` (a replaced run counts as its longer side). */
export function wordEdits(before: string, after: string): number {
  return diffHunks(before, after).reduce((n, h) => (h.kind === 'change' ? n + Math.max(words(h.removed), words(h.added)) : n), 0);
}
