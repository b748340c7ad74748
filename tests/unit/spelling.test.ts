import fs from 'node:fs';
import path from 'node:path';
import { spelling } from '../../server/checks/spelling/spelling';
import { tokenize } from '../../server/text/tokens';

const run = (text: string, ignoreWords?: ReadonlySet<string>) => spelling.run({ text, tokens: tokenize(text), ignoreWords });
const flagged = (text: string) => run(text).map((f) => f.text);

describe('spelling', () => {
  test('flags a misspelling with its offsets and at most three suggestions', () => {
    const [f] = run('We will recieve it.');
    expect(f).toMatchObject({ ruleId: 'spelling', start: 8, end: 15, text: 'recieve', severity: 'minor', category: 'fluency/spelling' });
    expect(f.suggestions[0]).toBe('receive');
    expect(f.suggestions.length).toBeLessThanOrEqual(3);
  });

  test('of the words one edit away, the common ones come first', () => {
    // "horton" (one letter replaced) is as near as "hormone" (one added) but far rarer.
    expect(run('Cortisol is a stress hormon.')[0].suggestions[0]).toBe('hormone');
    expect(run('Sales grew in the thrid quarter.')[0].suggestions[0]).toBe('third');
  });

  test('leaves names, acronyms, digits, addresses and handles alone', () => {
    expect(flagged('Zhang Wei and Ouyang Xiu met NASA and the WTO.')).toEqual([]);
    expect(flagged('The 5G rollout reached 3rd place in 2024.')).toEqual([]);
    expect(flagged('Visit www.exmaple.cn, mail info@foo.io, follow @qwzx and #xyzq.')).toEqual([]);
  });

  test('accepts possessives, hyphenated, prefixed and compound forms of known words', () => {
    expect(flagged("The company's self-driving, reconfigurable drumheads aren't new.")).toEqual([]);
    expect(flagged('The pre-tax income per capita rose.')).toEqual([]);
  });

  test('accepts British spellings', () => {
    expect(flagged('The colour of the centre was realised; ageing travellers analysed the defence.')).toEqual([]);
  });

  test('accepts allowlisted tech words but flags run-ons and broken compounds', () => {
    expect(flagged('The fintech startup built a blockchain app for e-commerce.')).toEqual([]);
    expect(flagged('We meet everytime it rains in the well-knwon park.')).toEqual(['everytime', 'well-knwon']);
  });

  test('accepts the business vocabulary of English news that the dictionary lacks', () => {
    expect(flagged('Fabless chip designers are destocking while robotaxi and agentic AI firms keep derisking.')).toEqual([]);
  });

  test('honours the document word list', () => {
    expect(flagged('The qwertz layout.')).toEqual(['qwertz']);
    expect(run('The qwertz layout.', new Set(['qwertz']))).toEqual([]);
  });

  test('offers no suggestion for very long words', () => {
    const [f] = run('An antidisestablishmentarianismx claim.');
    expect(f.suggestions).toEqual([]);
  });

  test('plain ASCII sentences (checked token by token) get the same findings as any other (checked chunk by chunk)', () => {
    const clean = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'clean-english.txt'), 'utf8').split(/(?<=[.!?])\s+/);
    const sentences = [
      ...clean,
      'We will recieve the thrid report everytime, and their aproach failed.',
      "The editors' notes weren't ready; mp3s and 5gz files, 90's hits and rock'n'roll sold.",
      'Sales of iPhones and the Qwertyx brand rose 35% in Q3 as costumers returnd.',
      "'Tis the seasn, said Li.",
    ];
    let checked = 0;
    for (const sentence of sentences) {
      // A "#" chunk adds nothing to check but sends the sentence down the chunk path.
      const byChunk = run(`${sentence} #`);
      expect(run(sentence)).toEqual(byChunk);
      checked += byChunk.length;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
