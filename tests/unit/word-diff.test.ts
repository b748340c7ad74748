import { diffHunks, wordEdits } from '../../server/text/word-diff';

/** The fewest tokens removed plus added to turn one list into the other (textbook LCS table). */
function fewestChanges(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = above;
    }
  }
  return a.length + b.length - 2 * row[b.length];
}

const tokens = (s: string) => s.match(/[\p{L}\p{N}]+|\s+|[^]/gu) ?? [];

/** A deterministic sentence of `n` words from a small vocabulary, so that texts share words. */
function sentence(seed: number, n: number): string {
  const vocabulary = ['the', 'firm', 'said', 'its', 'new', 'plan', 'will', 'land', 'go', 'live', 'soon', 'in', '2025', ','];
  let x = seed;
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    words.push(vocabulary[x % vocabulary.length]);
  }
  return words.join(' ').replace(/ ,/g, ',') + '.';
}

describe('word diff', () => {
  test('gives back both texts exactly and changes no more words than a shortest edit', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const before = sentence(seed, 3 + (seed % 11));
      const after = sentence(seed * 7 + 3, 2 + (seed % 13));
      const hunks = diffHunks(before, after);
      expect(hunks.map((h) => h.removed).join('')).toBe(before);
      expect(hunks.map((h) => h.added).join('')).toBe(after);
      const words = (s: string) => tokens(s).filter((t) => !/^\s+$/.test(t));
      const wordsChanged = hunks.filter((h) => h.kind === 'change').reduce((n, h) => n + words(h.removed).length + words(h.added).length, 0);
      // A shortest edit of all tokens, spaces included, changes no more words than that edit's length,
      // and no script can change fewer words than the shortest edit of the words alone.
      expect(wordsChanged).toBeLessThanOrEqual(fewestChanges(tokens(before), tokens(after)));
      expect(wordsChanged).toBeGreaterThanOrEqual(fewestChanges(words(before), words(after)));
    }
  });

  test('marks a replaced phrase as one change between the words kept', () => {
    expect(diffHunks('the project will land next year', 'the project goes live next year')).toEqual([
      { kind: 'same', removed: 'the project ', added: 'the project ' },
      { kind: 'change', removed: 'will land', added: 'goes live' },
      { kind: 'same', removed: ' next year', added: ' next year' },
    ]);
  });

  test('diffs Chinese character by character', () => {
    expect(diffHunks('新平台将于明年落地', '新系统将于明年落地').filter((h) => h.kind === 'change')).toEqual([{ kind: 'change', removed: '平台', added: '系统' }]);
  });

  test('counts the fewest words inserted, deleted or replaced', () => {
    expect(wordEdits('Prices rose sharply in May.', 'Prices rose in May.')).toBe(1);
    expect(wordEdits('Prices rose in May.', 'Prices fell in early May.')).toBe(2);
    // A word and the punctuation against it are one word: the comma makes "costs," another word.
    expect(wordEdits('It cut costs and jobs.', 'It cut costs, and jobs.')).toBe(1);
    // Rewritten whole: never more edits than the longer text has words, whichever words the two
    // happen to share ("the"); the diff's runs counted it as 9.
    expect(wordEdits('At the same time, carmakers delayed their listings.', 'Edit 5 of the segment, cooperation was strengthened.')).toBe(8);
  });

  test('counts Chinese from the character diff', () => {
    expect(wordEdits('会议在北京举行', '会议在上海举行')).toBe(1);
  });

  test('reports two long unlike texts as one replacement, at once', () => {
    const before = 'alpha '.repeat(5_000).trim();
    const after = 'omega '.repeat(5_000).trim();
    expect(wordEdits(before, after)).toBe(5_000);
  });
});
