import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadLexicon } from '../../server/checks/lexicon';
import { PhraseMatcher } from '../../server/checks/phrase-matcher';
import { tokenize } from '../../server/text/tokens';
import { applyFix } from '../../server/checks/fix';

function lexiconOf(yaml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-lexicon-'));
  fs.writeFileSync(path.join(dir, 'test.yaml'), `family: lexicon-test\ntitle: Test\nentries:\n${yaml}`);
  try {
    return loadLexicon(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ENTRY = `  - zh: 赛道
    means: a market segment
    mt: ['AI|EV [track]']
    say: [sector]
`;

describe('calque lexicon', () => {
  test('an entry becomes a phrase rule named after the pinyin of its term, with examples of its own', () => {
    const { families, entries } = lexiconOf(ENTRY);
    const rule = families[0].rules[0];
    expect(rule.id).toBe('lx-saidao');
    expect(entries[0].zh).toBe('赛道');
    expect(rule.message).toContain('赛道');
    expect(rule.examples.flag).toEqual(['Analysts discussed AI [track] at length.']);
    expect(rule.examples.fixed).toEqual(['Analysts discussed AI sector at length.']);
    const text = "The EV track's winners are few.";
    const [finding] = new PhraseMatcher([rule]).run(text, tokenize(text));
    expect(finding.text).toBe("track's");
    expect(finding.suggestions).toEqual(['sector']);
  });

  test('antipatterns and single-word unless keep the literal sense quiet', () => {
    const { families } = lexiconOf(`${ENTRY}    not: ['AI track meet']\n    unless: [athletes]\n`);
    const matcher = new PhraseMatcher(families[0].rules);
    const flagged = (t: string) => matcher.run(t, tokenize(t)).map((f) => f.text);
    expect(flagged('The AI track meet starts at noon.')).toEqual([]);
    expect(flagged('AI track athletes train daily.')).toEqual([]);
    expect(flagged('Money floods the AI track.')).toEqual(['track']);
  });

  test("words that are also names of Object's members (constructor, toString) are plain words", () => {
    const { families } = lexiconOf(`  - zh: 构造
    means: a builder
    mt: ['[constructor|toString track] of', 'AI [valueOf]']
    say: [builder]
    unless: [hasOwnProperty]
${ENTRY}    unless: [constructor]
`);
    const matcher = new PhraseMatcher(families[0].rules);
    const flagged = (t: string) => matcher.run(t, tokenize(t)).map((f) => f.text);
    expect(flagged('The toString track of the firm.')).toEqual(['toString track']);
    expect(flagged('The AI valueOf rose.')).toEqual(['valueOf']);
    expect(flagged('The constructor of the AI track quit.')).toEqual([]);
    expect(flagged('Money floods the AI track.')).toEqual(['track']);
    expect(() => lexiconOf(ENTRY.replace('AI|EV [track]', '@constructor [track]'))).toThrow('unknown word class "@constructor"');
  });

  test('a name rendering with the established name beside it in brackets is already glossed', () => {
    const { families } = lexiconOf(`  - zh: 稀宇科技
    means: MiniMax, an AI start-up
    mt: ['[=Xiyu =Technology]']
    say: [MiniMax]
    category: terminology
${ENTRY}`);
    const matcher = new PhraseMatcher(families[0].rules);
    const flagged = (t: string) => matcher.run(t, tokenize(t)).map((f) => f.text);
    expect(flagged('The start-up Xiyu Technology (MiniMax) may list.')).toEqual([]);
    expect(flagged('The start-up MiniMax (Xiyu Technology) may list.')).toEqual([]);
    expect(flagged('The start-up Xiyu Technology may list.')).toEqual(['Xiyu Technology']);
    expect(flagged('The start-up Xiyu Technology (Shanghai) may list.')).toEqual(['Xiyu Technology']);
    // Only names: a calque stays a calque with a gloss beside it.
    expect(flagged('Money floods the AI track (sector).')).toEqual(['track']);
  });

  test('a rendering whose grammar needs other words carries its own natural renderings', () => {
    const { families } = lexiconOf(`  - zh: C端
    means: consumers
    mt: ['[the|its C-end]', {mt: '[C-end] app|apps', say: [consumer]}]
    say: ['\\1 consumer']
`);
    const [rule] = families[0].rules;
    expect(rule.examples.fixed).toEqual(['Analysts discussed the consumer at length.', 'Analysts discussed consumer app at length.']);
    const matcher = new PhraseMatcher([rule]);
    const suggested = (t: string) => matcher.run(t, tokenize(t)).map((f) => [f.text, f.suggestions[0]]);
    expect(suggested('Its C-end is small.')).toEqual([['Its C-end', 'Its consumer']]);
    expect(suggested('Building C-end apps is costly.')).toEqual([['C-end', 'consumer']]);
  });

  test('in a heading set in title case the replacement is too; a name inside a sentence is replaced in lower case', () => {
    const { families } = lexiconOf(`  - zh: 新势力
    means: the newer electric-car makers
    mt: ['[new force|forces]']
    say: [EV start-ups]
`);
    const matcher = new PhraseMatcher(families[0].rules);
    const suggested = (t: string) => matcher.run(t, tokenize(t)).map((f) => f.suggestions[0]);
    expect(suggested('Mid-Year Sales: New Force Rankings Settled')).toEqual(['EV Start-ups']);
    expect(suggested('01 New Force Rankings')).toEqual(['EV Start-ups']);
    expect(suggested("Big Carmakers Meet the 'New Force'")).toEqual(['EV Start-ups']);
    expect(suggested('Analysts mocked the New Force in May.')).toEqual(['EV start-ups']);
    expect(suggested('New Force brands grew fast.')).toEqual(['EV start-ups']);
    expect(suggested('Buyers like the new forces.')).toEqual(['EV start-ups']);
  });

  test('a highlight that reads through one quotation mark of a pair takes in the other', () => {
    const { families } = lexiconOf(`  - zh: 机海战术
    means: flooding the market with many models
    mt: ['[machine sea tactics]']
    say: [flood-the-market strategy]
`);
    const matcher = new PhraseMatcher(families[0].rules);
    for (const text of ['Rivals revived the "machine sea" tactics.', 'Rivals revived the “machine sea” tactics.']) {
      const [finding] = matcher.run(text, tokenize(text));
      expect(applyFix(text, finding.start, finding.end, finding.suggestions[0])).toBe('Rivals revived the flood-the-market strategy.');
    }
    const quotedWhole = 'Rivals revived "machine sea tactics" again.';
    const [whole] = matcher.run(quotedWhole, tokenize(quotedWhole));
    expect(whole.text).toBe('machine sea tactics');
  });

  test.each([
    [`${ENTRY}    colour: red\n`, /unknown field "colour"/],
    [ENTRY.replace("['AI|EV [track]']", "[{mt: 'AI [track]', say: [sector], note: x}]"), /rendering #1 has an unknown field "note"/],
    [ENTRY.replace("['AI|EV [track]']", "['AI [track]', {mt: '[AI] track', say: ['\\\\2 sector']}]"), /refers to element 2 of "\[AI\] track", which is outside the highlighted words/],
    [`${ENTRY}    ex: ['It joined the AI [track].']\n`, /must state the sentence its first suggestion gives/],
    [`${ENTRY}    unless: [race track]\n`, /takes single words/],
    [`  - zh: 赛道\n    mt: ['[track]']\n    say: [sector]\n`, /"means" must be a non-empty string/],
    [`${ENTRY}${ENTRY}`, /is already used/],
  ])('a mistake is refused with the file, the entry and the problem: %#', (yaml, message) => {
    expect(() => lexiconOf(yaml)).toThrow(message);
  });
});
