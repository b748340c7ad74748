import { chineseNumeralNumbers, chineseNumbers, englishNumbers, inDigits, sameNumber, type NumberMention } from '../../text/numbers';
import type { Check, Finding } from '../types';

/**
 * Compares the digits of the source with the numbers of the translation. A number of the
 * translation that matches nothing in the source is flagged where it stands; when the source has
 * numbers and the translation none at all, the whole sentence is flagged (there is no span to point at).
 * Number words in the target ("three") count as matches but are never flagged themselves.
 */
export const numberMismatch: Check = {
  meta: {
    id: 'number-mismatch',
    name: 'Number mismatch',
    description: 'A number of the source is missing from the translation, or the translation has a number the source lacks.',
    category: 'accuracy/mistranslation',
    severity: 'major',
    suggests: false,
    needsSource: true,
  },
  examples: {
    flag: [
      { source: '公司去年营收增长了35%。', text: 'Revenue grew by [53]% last year.' },
      { source: '该项目投资3.5亿元。', text: '[The project cost a large sum.]' },
    ],
    pass: [
      { source: '该项目投资3.5亿元。', text: 'The project cost 350 million yuan.' },
      { source: '三家公司在2024年合并。', text: 'Three companies merged in 2024.' },
      { source: '他们共有3个孩子。', text: 'They have three children.' },
      { source: '3月18日，平台正式上线。', text: 'The platform went live on March 18.' },
      { source: '至少有两万种兰花。', text: 'There are at least 20,000 species of orchid.' },
      { source: '140亿年过去了。', text: 'Fourteen billion years have passed.' },
      { source: '零件多达两百五十万个。', text: 'It has 2.5 million parts.' },
    ],
  },
  run({ text, source }) {
    // Findings need a digit: in the source (a number gone missing) or in the translation.
    if (!source || (!/[0-9]/.test(text) && !/[0-9０-９]/.test(source))) return [];
    const src = chineseNumbers(source);
    const tgt = englishNumbers(text);
    const findings: Finding[] = [];
    // Numbers in Chinese numerals (两万, 三十亿) can vouch for a number of the translation, but are
    // not reported as missing: 一 and 两 are as often words ("together", "a couple") as numbers.
    let numerals: NumberMention[] | undefined;
    for (const n of tgt) {
      if (!inDigits(n)) continue;
      if (src.some((s) => sameNumber(s.value, n.value))) continue;
      if ((numerals ??= chineseNumeralNumbers(source)).some((s) => sameNumber(s.value, n.value))) continue;
      // Plain small integers often come from Chinese numerals (三 -> 3) we do not parse.
      if (src.length === 0 && n.value <= 10 && Number.isInteger(n.value)) continue;
      findings.push(mismatch(n.start, n.end, text.slice(n.start, n.end), `${n.text} does not appear in the source.`));
    }
    const missing = src.filter((s) => !tgt.some((n) => sameNumber(s.value, n.value)));
    // A sentence that has numbers but not this one usually words it differently ("half a million",
    // "twice"): only a sentence with no number at all is reported as having lost one.
    if (missing.length > 0 && tgt.length === 0 && text.trim().length > 0) {
      const start = text.length - text.trimStart().length;
      const end = text.trimEnd().length;
      findings.push(mismatch(start, end, text.slice(start, end), `The source number ${missing.map((m) => m.text).join(', ')} is missing from the translation.`));
    }
    return findings;
  },
};

function mismatch(start: number, end: number, text: string, message: string): Finding {
  return { ruleId: 'number-mismatch', category: 'accuracy/mistranslation', severity: 'major', start, end, text, message, suggestions: [] };
}
