import { rememberRecent } from '../../server/text/remember-last';

describe('answers remembered for recent strings', () => {
  test('a string asked again is answered without working it out again, undefined answers included', () => {
    const calls: string[] = [];
    const lengthOf = rememberRecent((s: string) => {
      calls.push(s);
      return s === 'none' ? undefined : s.length;
    });
    expect([lengthOf('公司'), lengthOf('赋能'), lengthOf('公司'), lengthOf('none'), lengthOf('none')]).toEqual([2, 2, 2, undefined, undefined]);
    expect(calls).toEqual(['公司', '赋能', 'none']);
  });

  test('holds at most its size, and never a very long string', () => {
    const calls: string[] = [];
    const same = rememberRecent((s: string) => {
      calls.push(s);
      return s;
    }, 2);
    same('a');
    same('b');
    same('c'); // full: forgets a and b
    same('a');
    const long = '长'.repeat(5_000);
    same(long);
    same(long);
    expect(calls).toEqual(['a', 'b', 'c', 'a', long, long]);
  });
});
