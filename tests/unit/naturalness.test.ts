import fs from 'node:fs';
import { PairModel, pairModel, pairModelFile } from '../../server/checks/naturalness/model';
import { unusualPairing, unusualPairs } from '../../server/checks/naturalness/unusual-pairing';
import { naturalPairs, parseNaturalPairs } from '../../server/checks/naturalness/natural-pairs';
import { tokenize } from '../../server/text/tokens';

const flag = (text: string) => unusualPairing.run({ text, tokens: tokenize(text) });

describe('word-pair data', () => {
  const model = pairModel();

  test('knows the pairs English uses and the ones it does not', () => {
    const id = (w: string) => model.id(w)!;
    expect(model.bigramLog10(id('market'), id('share'))).toBeLessThan(0);
    expect(model.bigramLog10(id('price'), id('war'))).toBeDefined();
    expect(model.bigramLog10(id('thunderous'), id('trend'))).toBeUndefined();
    expect(model.similarity(id('huge'), id('enormous'))).toBeGreaterThan(0.6);
    expect(model.similarity(id('thunderous'), id('trend'))).toBeLessThan(0.25);
  });

  test('a damaged file is refused with a plain message', () => {
    const bytes = fs.readFileSync(pairModelFile());
    expect(() => new PairModel(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated or damaged/);
    expect(() => new PairModel(Buffer.from('hello'))).toThrow(/not a Calque word-pair file/);
  });
});

describe('unusual-pairing', () => {
  test('flags a figure of speech carried into business English word for word', () => {
    expect(flag('Shares rose on a thunderous trend in chip demand.').map((f) => f.text)).toEqual(['thunderous trend']);
    expect(flag('The app wants to win over stubborn users.').map((f) => f.text)).toEqual(['stubborn users']);
  });

  test('leaves alone pairs English uses, rare pairs with a common near-synonym, names and capitals', () => {
    expect(flag('Chip makers face fierce competition and an upward trend in costs.')).toEqual([]);
    expect(flag('Analysts see an immense market for batteries.')).toEqual([]);
    expect(flag('Thunderous Trend is the name of the band.')).toEqual([]);
  });

  test('suggests a pairing English uses when a close neighbour of the modifier offers one', () => {
    const [finding] = flag('It was a magical year for the company.');
    expect(finding.text).toBe('magical year');
    expect(finding.suggestions.every((s) => s.endsWith(' year'))).toBe(true);
    expect(finding.explanation).toMatch(/word-for-word/);
  });

  test('never suggests the negation of the modifier, which would say the opposite', () => {
    const [finding] = flag('The firm was put on a register of abnormal operations by the bureau.');
    expect(finding.text).toBe('abnormal operations');
    expect(finding.suggestions).not.toContain('normal operations');
    expect(finding.explanation).not.toMatch(/"normal operations"/);
  });
});

describe('native pairs the check leaves alone (data/naturalness/natural-pairs.txt)', () => {
  const sentence = (pair: string) => `Analysts pointed to the ${pair} in the quarterly report.`;

  test.each([...naturalPairs()])('"%s" passes, and would be flagged without the list', (pair) => {
    const text = sentence(pair);
    expect(flag(text)).toEqual([]);
    expect(unusualPairs(text, tokenize(text), new Set()).map((f) => f.text)).toEqual([pair]);
  });

  test('the list reads one pair a line, lower case, with comments', () => {
    expect([...parseNaturalPairs('# note\nIdle  Assets\n\nsticky prices # common\n')]).toEqual(['idle assets', 'sticky prices']);
  });
});
