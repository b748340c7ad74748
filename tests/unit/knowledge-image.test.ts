import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileKnowledge, Flagger } from '../../server/checks/engine';
import { readKnowledgeImage, writeKnowledgeImage } from '../../server/checks/knowledge-image';
import { PhraseMatcher } from '../../server/checks/phrase-matcher';
import { literalForms } from '../../server/checks/source/source-terms';
import { loadRulePacks } from '../../server/checks/rulepack';
import { tokenize } from '../../server/text/tokens';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

describe('stored knowledge image', () => {
  const rulesDir = path.join(FIXTURES, 'rules');
  const families = compileKnowledge({ rulesDir, lexiconDir: '' });
  const classes = loadRulePacks(rulesDir).classes;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-image-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  writeKnowledgeImage(dir, 'key-1', { families, classes }, new PhraseMatcher(families.flatMap((f) => f.rules)).builtIndex!, literalForms);

  test('is read back only for the key it was written for', () => {
    expect(readKnowledgeImage(dir, 'key-2')).toBeUndefined();
    expect(readKnowledgeImage(dir, 'key-1')?.families.map((f) => f.id)).toEqual(families.map((f) => f.id));
  });

  test('flags exactly what the compiled rules flag, suggestions and all', () => {
    const stored = readKnowledgeImage(dir, 'key-1')!;
    const fromImage = new PhraseMatcher(stored.index);
    const compiled = new PhraseMatcher(families.flatMap((f) => f.rules));
    const texts = [
      ...families.flatMap((f) => f.rules.flatMap((r) => [...r.examples.flag.map((e) => e.replace(/[[\]]/g, '')), ...r.examples.pass])),
      ...fs.readFileSync(path.join(FIXTURES, 'clean-english.txt'), 'utf8').split('\n'),
    ];
    for (const text of texts) {
      const tokens = tokenize(text);
      expect(fromImage.run(text, tokens)).toEqual(compiled.run(text, tokens));
    }
  });

  test('a Flagger on the image lists every rule with its examples, read when asked for', () => {
    const stored = readKnowledgeImage(dir, 'key-1')!;
    const flagger = new Flagger(stored.families);
    const rule = families[0].rules[0];
    expect(flagger.rule(rule.id)?.examples.flag).toEqual(rule.examples.flag);
  });
});
