import { rememberRecent } from '../../server/text/remember';

describe('answers remembered for recent strings', () => {
  test('a string asked a third time is answered without working it out again, undefined answers included', () => {
    const calls: string[] = [];
    const lengthOf = rememberRecent((s: string) => {
      calls.push(s);
      return s === 'none' ? undefined : s.length;
    });
    const answers = ['公司', '赋能', '公司', '公司', 'none', 'none', 'none', '公司'].map(lengthOf);
    expect(answers).toEqual([2, 2, 2, 2, undefined, undefined, undefined, 2]);
    // Kept from the second time a string is asked for: an import, which asks once for each source, keeps nothing.
    expect(calls).toEqual(['公司', '赋能', '公司', 'none', 'none']);
  });

  test('holds at most its size, and never a very long string', () => {
    const calls: string[] = [];
    const same = rememberRecent((s: string) => {
      calls.push(s);
      return s;
    }, 2);
    for (const s of ['a', 'a', 'b', 'b']) same(s); // a and b kept
    same('a');
    for (const s of ['c', 'c']) same(s); // full: forgets a and b, keeps c
    same('c');
    same('a');
    const long = '长'.repeat(5_000);
    for (let i = 0; i < 3; i++) same(long);
    expect(calls).toEqual(['a', 'a', 'b', 'b', 'c', 'c', 'a', long, long, long]);
  });
});
