import { diffWordsWithSpace as packageDiff } from 'diff';
import { diffWordsWithSpace } from '../../server/text/myers-words';

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ['the', 'The', 'project', 'went', 'live', 'today', 'a', 'of', 'mutual', 'cooperation', 'café', 'naïve', '2024', '3,000',
  ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', ',', '.', '"', '(', ')', '—', '合作', '😀', 'x_y', '\u00ad'];

function text(r: () => number, maxPieces: number): string {
  const n = Math.floor(r() * maxPieces);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(r() * PIECES.length)];
  return out;
}

/** An edit of `base`: some pieces dropped, replaced or added, as a reviewer would. */
function edited(r: () => number, base: string): string {
  return base.split(/(\s+)/).map((w) => (r() < 0.2 ? text(r, 3) : r() < 0.1 ? '' : w)).join('') + (r() < 0.3 ? text(r, 4) : '');
}

const same = (before: string, after: string) =>
  expect(diffWordsWithSpace(before, after)).toEqual(packageDiff(before, after).map(({ value, added, removed }) => ({ value, added, removed })));

describe('word diff: the same changes as the diff package', () => {
  test.each([
    ['', ''], ['', 'three new words'], ['three old words', ''], ['same text', 'same text'],
    ['the project landed today', 'the project went live today'],
    ['They strengthened mutual cooperation in 2024.', 'Edit 7 of the segment, mutual cooperation was further strengthened.'],
    ['a b a b a', 'b a b'], ['line one\nline two', 'line one\r\nline 2'],
  ])('%j → %j', same);

  test('on thousands of generated pairs, edits and unrelated texts alike', () => {
    const r = random(13);
    for (let i = 0; i < 3000; i++) {
      const before = text(r, 40);
      same(before, r() < 0.7 ? edited(r, before) : text(r, 40));
    }
  });
});
