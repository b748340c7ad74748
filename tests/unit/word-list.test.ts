import { WordList } from '../../server/checks/spelling/word-list';

describe('WordList', () => {
  test('finds exactly the words of the list, wherever they fall in it', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const word = () => Array.from({ length: 1 + Math.floor(random() * 9) }, () => letters[Math.floor(random() * 26)]).join('');
    const words = [...new Set(Array.from({ length: 3000 }, word))].sort();
    const list = new WordList(words.join('\n') + '\n');
    for (const w of words) expect(list.has(w)).toBe(true);
    const set = new Set(words);
    for (let i = 0; i < 3000; i++) {
      const probe = word();
      expect(list.has(probe)).toBe(set.has(probe));
    }
    expect(list.has('')).toBe(false);
    expect(list.has(words[0] + '\n' + words[1])).toBe(false);
  });

  test('works on a list of one word and on an empty list', () => {
    expect(new WordList('alone\n').has('alone')).toBe(true);
    expect(new WordList('alone').has('alon')).toBe(false);
    expect(new WordList('').has('a')).toBe(false);
  });
});
