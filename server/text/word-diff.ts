interface Hunk {
  kind: 'same' | 'change';
  removed: string;
  added: string;
}

/**
 * Tokens of a word diff: a run of letters and digits (a Chinese or Japanese character is a token
 * of its own), a run of spaces, a line break, or any other single character.
 */
const TOKEN = /\r?\n|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}_\u00AD])+|[^\S\r\n]+|[^]/gu;

/**
 * Past this many edits between the texts left after their common start and end, the rest is
 * reported as one replacement: the diff stays linear in the texts (times this bound) however
 * unlike they are, and a rewrite that large reads better as one change anyway.
 */
const MAX_EDITS = 1_000;

/**
 * Word diff with changes separated only by spaces merged into one hunk, so "will land" →
 * "goes live" reads as one replacement instead of two interleaved ones.
 */
export function diffHunks(before: string, after: string): Hunk[] {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  const hunks: Hunk[] = [];
  const change = (removed: string, added: string) => {
    const last = hunks[hunks.length - 1];
    if (last?.kind === 'change') {
      last.removed += removed;
      last.added += added;
      return;
    }
    // Spaces alone between two changes belong to the change: "will land" → "goes live" is one.
    const beforeLast = hunks[hunks.length - 2];
    if (last?.kind === 'same' && beforeLast?.kind === 'change' && /^\s+$/.test(last.added)) {
      hunks.pop();
      beforeLast.removed += last.removed + removed;
      beforeLast.added += last.added + added;
      return;
    }
    hunks.push({ kind: 'change', removed, added });
  };
  // tokenDiff alternates kept and changed runs, so a kept run never follows another.
  for (const op of tokenDiff(a, b)) {
    const removed = a.slice(op.aStart, op.aEnd).join('');
    const added = b.slice(op.bStart, op.bEnd).join('');
    if (op.same) hunks.push({ kind: 'same', removed, added: removed });
    else change(removed, added);
  }
  return hunks;
}

interface Op {
  same: boolean;
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * A shortest edit script of token lists `a` → `b` (Myers' O(ND) algorithm) as runs of kept and
 * changed tokens. The common start and end are matched first; tokens are compared as numbers.
 */
function tokenDiff(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const ops: Op[] = [];
  const push = (same: boolean, aStart: number, aEnd: number, bStart: number, bEnd: number) => {
    if (aStart === aEnd && bStart === bEnd) return;
    const last = ops[ops.length - 1];
    if (last && last.same === same) { last.aEnd = aEnd; last.bEnd = bEnd; return; }
    ops.push({ same, aStart, aEnd, bStart, bEnd });
  };
  push(true, 0, start, 0, start);
  const middle = myers(intern(a, b, start, endA, endB), start);
  if (middle) for (const op of middle) push(op.same, op.aStart, op.aEnd, op.bStart, op.bEnd);
  else push(false, start, endA, start, endB);
  push(true, endA, a.length, endB, b.length);
  return ops;
}

/** The tokens of both middles as numbers, equal tokens equal numbers. */
function intern(a: string[], b: string[], start: number, endA: number, endB: number): { x: Int32Array; y: Int32Array } {
  const ids = new Map<string, number>();
  const id = (t: string) => {
    let n = ids.get(t);
    if (n === undefined) ids.set(t, (n = ids.size));
    return n;
  };
  const x = new Int32Array(endA - start);
  const y = new Int32Array(endB - start);
  for (let i = start; i < endA; i++) x[i - start] = id(a[i]);
  for (let j = start; j < endB; j++) y[j - start] = id(b[j]);
  return { x, y };
}

/** Myers' forward search, keeping each frontier for the walk back; undefined past MAX_EDITS edits. */
function myers({ x, y }: { x: Int32Array; y: Int32Array }, offset: number): Op[] | undefined {
  const n = x.length;
  const m = y.length;
  const max = Math.min(n + m, MAX_EDITS);
  // v[k + max + 1]: the furthest x reached on diagonal k (x - y = k); one spare cell each side.
  const v: number[] = new Array<number>(2 * max + 3).fill(0);
  const at = (k: number) => k + max + 1;
  // frontiers[d] holds diagonals -d..d of v after d edits.
  const frontiers: number[][] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[at(k - 1)] < v[at(k + 1)]);
      let i = down ? v[at(k + 1)] : v[at(k - 1)] + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) { i++; j++; }
      v[at(k)] = i;
      if (i >= n && j >= m) { found = d; break; }
    }
    frontiers.push(v.slice(at(-d), at(d) + 1));
  }
  if (found < 0) return undefined;
  const steps: Op[] = [];
  const step = (same: boolean, aStart: number, aEnd: number, bStart: number, bEnd: number) =>
    steps.push({ same, aStart: aStart + offset, aEnd: aEnd + offset, bStart: bStart + offset, bEnd: bEnd + offset });
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const prev = frontiers[d - 1];
    const reached = (k: number) => prev[k + d - 1];
    const k = i - j;
    const down = k === -d || (k !== d && reached(k - 1) < reached(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevI = reached(prevK);
    const prevJ = prevI - prevK;
    const editI = down ? prevI : prevI + 1;
    const editJ = down ? prevJ + 1 : prevJ;
    step(true, editI, i, editJ, j);
    step(false, prevI, editI, prevJ, editJ);
    i = prevI;
    j = prevJ;
  }
  step(true, 0, i, 0, j);
  return steps.reverse();
}

const spaced = (s: string) => s.split(/\s+/).filter(Boolean);
const words = (s: string) => spaced(s).length;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * Past this many cells (the words of one text times the other's, once their common start and end
 * are set aside) edits are counted from the diff instead, which stays linear in the texts.
 */
const MAX_DISTANCE_CELLS = 250_000;

/**
 * Word-level edits needed to turn `before` into `after`, as HTER counts them: the fewest words
 * inserted, deleted or replaced (Levenshtein over the words between spaces, a word and the
 * punctuation against it being one word). Text in a script written without spaces, or texts too
 * long and unlike for that, is counted from the word diff, each replaced run as its longer side.
 */
export function wordEdits(before: string, after: string): number {
  if (CJK.test(before) || CJK.test(after)) return diffEdits(before, after);
  const a = spaced(before);
  const b = spaced(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return n + m;
  if (n * m > MAX_DISTANCE_CELLS) return diffEdits(before, after);
  // One row of the distance table: row[j] is the distance from a's first i words to b's first j.
  const row = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) row[j] = j;
  for (let i = 1; i <= n; i++) {
    let diagonal = row[0];
    row[0] = i;
    const word = a[start + i - 1];
    for (let j = 1; j <= m; j++) {
      const above = row[j];
      row[j] = word === b[start + j - 1] ? diagonal : 1 + Math.min(diagonal, above, row[j - 1]);
      diagonal = above;
    }
  }
  return row[m];
}

function diffEdits(before: string, after: string): number {
  return diffHunks(before, after).reduce((n, h) => (h.kind === 'change' ? n + Math.max(words(h.removed), words(h.added)) : n), 0);
}
