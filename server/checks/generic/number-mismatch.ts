import { chineseNumeralNumbers, chineseNumbers, englishNumbers, inDigits, NumberSet, percentagesInWords, type NumberMention } from '../../text/numbers';
import type { Check, Finding } from '../types';
import { rememberRecent } from '../../text/remember';

/**
 * Compares the digits of the source with the numbers of the translation. A number of the
 * translation that matches nothing in the source is flagged where it stands; when it is the only
 * one and one number of the source is missing, it is that number mistyped (12 → 21), and the
 * finding offers it back. A number of the source missing otherwise flags the whole sentence
 * (there is no span to point at) —
 * any number when the translation has none, otherwise a specific one (above ten, a decimal or a
 * percentage: a dropped "22%"), since small ones are often worded ("twice").
 * Number words in the target ("three") count as matches but are never flagged themselves.
 */
export const numberMismatch: Check = {
  meta: {
    id: 'number-mismatch',
    name: 'Number mismatch',
    description: "A number of the source is missing from the translation, or the translation has a number the source lacks; one of each is taken for the same number mistyped, and the source's is offered.",
    category: 'accuracy/mistranslation',
    severity: 'major',
    suggests: true,
    needsSource: true,
  },
  examples: {
    flag: [
      { source: '公司去年营收增长了35%。', text: 'Revenue grew by [53]% last year.', suggestion: '35', fixed: 'Revenue grew by 35% last year.' },
      { source: '平台已在12个城市试点。', text: 'The platform has been piloted in [21] cities.', suggestion: '12', fixed: 'The platform has been piloted in 12 cities.' },
      { source: '销量增长12%，利润增长35%。', text: 'Sales rose [21]% and profit rose 53%.' },
      { source: '该项目投资3.5亿元。', text: '[The project cost a large sum.]' },
      { source: '销量增长22%，利润增长5%。', text: '[Sales rose and profit grew 5%.]' },
      { source: '利润增长了30%。', text: '[Profit rose by half.]' },
    ],
    pass: [
      { source: '该项目投资3.5亿元。', text: 'The project cost 350 million yuan.' },
      { source: '三家公司在2024年合并。', text: 'Three companies merged in 2024.' },
      { source: '他们共有3个孩子。', text: 'They have three children.' },
      { source: '3月18日，平台正式上线。', text: 'The platform went live on March 18.' },
      { source: '至少有两万种兰花。', text: 'There are at least 20,000 species of orchid.' },
      { source: '140亿年过去了。', text: 'Fourteen billion years have passed.' },
      { source: '零件多达两百五十万个。', text: 'It has 2.5 million parts.' },
      { source: '国产品牌拿下三成市场，外资品牌不到六成。', text: 'Chinese brands took 30% of the market; foreign ones less than 60%.' },
      { source: '商品打八折出售。', text: 'The goods are sold at 20% off.' },
      { source: '价格涨了2倍，销量增长了35%。', text: 'Prices doubled and sales rose 35%.' },
      { source: '全国约有25万家门店。', text: 'There are about a quarter of a million shops nationwide.' },
      { source: '高端机型的价格是入门款的3.5倍。', text: 'The top model costs three and a half times as much as the basic one.' },
      { source: '两家公司的估值相差10倍。', text: 'Their valuations differ tenfold.' },
      { source: '利润增长了50%，约33%的用户是新用户。', text: 'Profit rose by half, and about a third of users are new.' },
      { source: '销量同比增长100%。', text: 'Sales doubled from a year earlier.' },
    ],
  },
  run({ text, source }) {
    // Findings need a digit: in the source (a number gone missing) or in the translation.
    if (!source || (!/[0-9]/.test(text) && !/[0-9０-９]/.test(source))) return [];
    const known = numbersOf(source);
    const src = known.mentions;
    const tgt = englishNumbers(text);
    const findings: Finding[] = [];
    const sourceValues = known.values;
    const extra: NumberMention[] = [];
    for (const n of tgt) {
      if (!inDigits(n)) continue;
      if (sourceValues.has(n.value)) continue;
      if ((known.numerals ??= new NumberSet(chineseNumeralNumbers(source).map((s) => s.value))).has(n.value)) continue;
      // Plain small integers often come from Chinese numerals (三 -> 3) we do not parse.
      if (src.length === 0 && n.value <= 10 && Number.isInteger(n.value)) continue;
      extra.push(n);
    }
    // A small number is often worded differently ("half", "twice", "a couple"): in a sentence that
    // has other numbers, only a specific one (above ten, a decimal or a percentage) counts as lost.
    const targetValues = new NumberSet(tgt.map((n) => n.value));
    let inWords: number[] | undefined;
    const worded = (s: NumberMention) => isPercentage(s, source) && (inWords ??= percentagesInWords(text)).some((p) => Math.abs(p - s.value) < 1);
    const missing = src.filter((s) => !targetValues.has(s.value) && (tgt.length === 0 || isSpecific(s, source)) && !worded(s));
    if (extra.length === 1 && missing.length === 1) {
      // One number lost and one the source lacks: the same number, mistyped or misread.
      const [n] = extra;
      const [lost] = missing;
      const plain = /^[0-9][0-9.,]*$/;
      const suggestions = plain.test(n.text) && plain.test(lost.text) ? [lost.text] : [];
      return [mismatch(n.start, n.end, text.slice(n.start, n.end), `The source has ${lost.text} here, not ${n.text}.`, suggestions)];
    }
    for (const n of extra) findings.push(mismatch(n.start, n.end, text.slice(n.start, n.end), `${n.text} does not appear in the source.`));
    if (missing.length > 0 && text.trim().length > 0) {
      const start = text.length - text.trimStart().length;
      const end = text.trimEnd().length;
      findings.push(mismatch(start, end, text.slice(start, end), `The source number ${[...new Set(missing.map((m) => m.text))].join(', ')} is missing from the translation.`));
    }
    return findings;
  },
};

/**
 * The numbers of a source in digits, their values, and (once asked for) the values of its Chinese
 * numerals (两万, 三十亿), which can vouch for a number of the translation but are not reported as
 * missing: 一 and 两 are as often words ("together", "a couple") as numbers. Remembered per
 * source, which stays the same however often its translation is edited.
 */
const numbersOf = rememberRecent((source: string): { mentions: NumberMention[]; values: NumberSet; numerals?: NumberSet } => {
  const mentions = chineseNumbers(source);
  return { mentions, values: new NumberSet(mentions.map((s) => s.value)) };
});

function isSpecific(mention: NumberMention, source: string): boolean {
  return mention.value > 10 || !Number.isInteger(mention.value) || isPercentage(mention, source);
}

function isPercentage(mention: NumberMention, source: string): boolean {
  return /^\s*[%％]/.test(source.slice(mention.end, mention.end + 2));
}

function mismatch(start: number, end: number, text: string, message: string, suggestions: string[] = []): Finding {
  return { ruleId: 'number-mismatch', category: 'accuracy/mistranslation', severity: 'major', start, end, text, message, suggestions };
}
