/**
 * The word diff of the `diff` package (diffWordsWithSpace, version 8), the same algorithm and the
 * same tie-breaks, so it returns exactly the same changes (a test compares the two on many
 * pairs). The package keeps each path as a chain of change objects and compares tokens through an
 * options object; here the chains live in plain number arrays, which makes a save's HTER count
 * several times cheaper. It is Myers' O(ND) diff with the package's pruning of diagonals that
 * have run off the edit graph.
 */

export interface WordChange {
  value: string;
  added: boolean;
  removed: boolean;
}

// The package's tokens: a newline, a run of word characters, a run of other spaces, or any other single character.
const WORD_CHARS = 'a-zA-Z0-9_\\u{AD}\\u{C0}-\\u{D6}\\u{D8}-\\u{F6}\\u{F8}-\\u{2C6}\\u{2C8}-\\u{2D7}\\u{2DE}-\\u{2FF}\\u{1E00}-\\u{1EFF}';
const TOKEN = new RegExp(`(\\r?\\n)|[${WORD_CHARS}]+|[^\\S\\n\\r]+|[^${WORD_CHARS}]`, 'gu');

const SAME = 0;
const ADDED = 1;
const REMOVED = 2;

export function diffWordsWithSpace(before: string, after: string): WordChange[] {
  const oldTokens = before.match(TOKEN) ?? [];
  const newTokens = after.match(TOKEN) ?? [];
  const oldLen = oldTokens.length;
  const newLen = newTokens.length;

  // The changes of every path, each pointing at the one before it (-1: none).
  const kinds: number[] = [];
  const counts: number[] = [];
  const previous: number[] = [];
  const change = (kind: number, count: number, before: number) => {
    kinds.push(kind);
    counts.push(count);
    previous.push(before);
    return kinds.length - 1;
  };
  // One more change of `kind` at the end of the path that ends with change `last`.
  const extend = (last: number, kind: number) => (last >= 0 && kinds[last] === kind ? change(kind, counts[last] + 1, previous[last]) : change(kind, 1, last));

  // The best path on each diagonal (offset so that diagonal -max-1 is at 0): its position in the old text and its last change.
  const maxEditLength = newLen + oldLen;
  const offset = maxEditLength + 1;
  const size = 2 * maxEditLength + 3;
  const has = new Uint8Array(size);
  const oldPosOf = new Int32Array(size);
  const lastOf = new Int32Array(size);

  /** Follows the diagonal while the tokens agree; returns the new position in the new text. */
  const common = (diagonal: number): number => {
    const i = diagonal + offset;
    let oldPos = oldPosOf[i];
    let newPos = oldPos - diagonal;
    const start = newPos;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && oldTokens[oldPos + 1] === newTokens[newPos + 1]) {
      newPos++;
      oldPos++;
    }
    if (newPos > start) lastOf[i] = change(SAME, newPos - start, lastOf[i]);
    oldPosOf[i] = oldPos;
    return newPos;
  };

  const values = (last: number): WordChange[] => {
    const chain: number[] = [];
    for (let c = last; c >= 0; c = previous[c]) chain.push(c);
    chain.reverse();
    const out: WordChange[] = [];
    let oldPos = 0;
    let newPos = 0;
    for (const c of chain) {
      const count = counts[c];
      if (kinds[c] === REMOVED) {
        out.push({ value: oldTokens.slice(oldPos, oldPos + count).join(''), added: false, removed: true });
        oldPos += count;
      } else {
        out.push({ value: newTokens.slice(newPos, newPos + count).join(''), added: kinds[c] === ADDED, removed: false });
        newPos += count;
        if (kinds[c] === SAME) oldPos += count;
      }
    }
    return out;
  };

  has[offset] = 1;
  oldPosOf[offset] = -1;
  lastOf[offset] = -1;
  let newPos = common(0);
  if (oldPosOf[offset] + 1 >= oldLen && newPos + 1 >= newLen) return values(lastOf[offset]);

  // Once a path reaches the right or bottom edge, diagonals beyond it need more edits than it does.
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    for (let diagonal = Math.max(minDiagonal, -editLength); diagonal <= Math.min(maxDiagonal, editLength); diagonal += 2) {
      const here = diagonal + offset;
      const removeFrom = here - 1;
      const addFrom = here + 1;
      const hasRemove = has[removeFrom] === 1;
      // Nothing else reads that path again.
      has[removeFrom] = 0;
      const canAdd = has[addFrom] === 1 && oldPosOf[addFrom] - diagonal >= 0 && oldPosOf[addFrom] - diagonal < newLen;
      const canRemove = hasRemove && oldPosOf[removeFrom] + 1 < oldLen;
      if (!canAdd && !canRemove) {
        has[here] = 0;
        continue;
      }
      // Branch from the path that is farthest along the old text.
      if (!canRemove || (canAdd && oldPosOf[removeFrom] < oldPosOf[addFrom])) {
        oldPosOf[here] = oldPosOf[addFrom];
        lastOf[here] = extend(lastOf[addFrom], ADDED);
      } else {
        oldPosOf[here] = oldPosOf[removeFrom] + 1;
        lastOf[here] = extend(lastOf[removeFrom], REMOVED);
      }
      has[here] = 1;
      newPos = common(diagonal);
      if (oldPosOf[here] + 1 >= oldLen && newPos + 1 >= newLen) return values(lastOf[here]);
      if (oldPosOf[here] + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  // Unreachable: a path of maxEditLength edits always reaches the end.
  throw new Error('word diff: no path found');
}
