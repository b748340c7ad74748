import { loadRuleFamilies } from '../../server/checks/rulepack';
import { PhraseMatcher } from '../../server/checks/phrase-matcher';
import { parseMarkedExample } from '../../server/checks/examples';
import { tokenize } from '../../server/text/tokens';

const families = loadRuleFamilies();
const rules = families.flatMap((f) => f.rules);
const matcher = new PhraseMatcher(rules);

function findingsOf(ruleId: string, text: string) {
  return matcher.run(text, tokenize(text)).filter((f) => f.ruleId === ruleId);
}

describe.each(rules.map((r) => [r.id, r] as const))('phrase rule %s', (id, rule) => {
  test.each(rule.examples.flag)('flags %s', (marked) => {
    const example = parseMarkedExample(marked);
    if (!example) throw new Error(`example of ${id} has no [span]: ${marked}`);
    const spans = findingsOf(id, example.text).map((f) => example.text.slice(f.start, f.end));
    expect(spans).toContain(example.text.slice(example.start, example.end));
  });

  test.each(rule.examples.pass)('passes %s', (text) => {
    expect(findingsOf(id, text).map((f) => f.text)).toEqual([]);
  });
});
