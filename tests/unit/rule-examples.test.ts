import fs from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../../server/checks/engine';
import { PhraseMatcher } from '../../server/checks/phrase-matcher';
import { parseMarkedExample } from '../../server/checks/examples';
import { applyFix } from '../../server/checks/fix';
import { tokenize } from '../../server/text/tokens';
import { agreeingFinding } from '../../server/checks/verb-agreement';

// Rule packs (data/rules) and the calque lexicon (data/lexicon/calques) alike.
const families = loadKnowledge();
const rules = families.flatMap((f) => f.rules);
const matcher = new PhraseMatcher(rules);

function findingsOf(ruleId: string, text: string) {
  // As the flagger shows them: a span widened where the suggestion changes its verb's number.
  return matcher.run(text, tokenize(text)).filter((f) => f.ruleId === ruleId).map((f) => agreeingFinding(text, f));
}

describe.each(rules.map((r) => [r.id, r] as const))('phrase rule %s', (id, rule) => {
  const flagExamples = rule.examples.flag.map((marked, i) => [marked, rule.examples.fixed[i]] as const);

  test.each(flagExamples)('flags %s', (marked, fixed) => {
    const example = parseMarkedExample(marked);
    if (!example) throw new Error(`example of ${id} has no [span]: ${marked}`);
    const expected = example.text.slice(example.start, example.end);
    const finding = findingsOf(id, example.text).find((f) => f.text === expected);
    expect(finding?.text).toBe(expected);
    // As ESLint's RuleTester states the fixed output: applying the first suggestion gives this sentence.
    if (fixed !== undefined) expect(applyFix(example.text, finding!.start, finding!.end, finding!.suggestions[0])).toBe(fixed);
  });

  test.each(rule.examples.pass)('passes %s', (text) => {
    expect(findingsOf(id, text).map((f) => f.text)).toEqual([]);
  });
});

describe('native English', () => {
  const fixture = path.join(__dirname, '..', 'fixtures', 'clean-english.txt');
  const sentences = fs.readFileSync(fixture, 'utf8').split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim() !== '');

  test('no phrase rule or lexicon entry fires on professionally written news English', () => {
    const hits = sentences.flatMap((s) => matcher.run(s, tokenize(s)).map((f) => `${f.ruleId}: "${f.text}" in "${s}"`));
    expect(hits).toEqual([]);
  });
});

describe('words a reviewer reads', () => {
  // A doubled apostrophe is YAML's escape inside single quotes only; in a folded block or a
  // double-quoted string it stays, and the card read "China''s" (or a suggestion inserted it).
  test('no rule message, explanation or suggestion keeps a YAML-escaped apostrophe', () => {
    const escaped = rules.flatMap((r) => [r.message, r.explanation, ...r.suggestions]
      .filter((s) => s.includes("''")).map((s) => `${r.id}: ${s}`));
    expect(escaped).toEqual([]);
  });

  // A finding's card names a phrase rule by its Chinese term; without one it showed the rule's id.
  test('every phrase rule has the Chinese term its finding card is named by', () => {
    expect(rules.filter((r) => !r.source).map((r) => r.id)).toEqual([]);
  });
});
