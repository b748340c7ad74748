import type { Check, Finding } from '../types';
import { POS } from '../naturalness/format';
import { pairModel } from '../naturalness/model';

// A word, a space and one or two lower-case words in round brackets: "wait and see (observation)".
const GLOSS = /(?<![A-Za-z])([A-Za-z][a-z]+) \(([a-z]{3,})\)/g;

// Bracketed words that editors do write after a word.
const EDITORIAL = new Set(('sic pictured left right centre center above below top bottom inset file photo photos ' +
  'approx est estimated ret retired formerly previously now again yes optional plural singular ' +
  'inclusive exclusive average median total unaudited preliminary provisional adjusted nominal ' +
  'annualised annualized seasonally year-on-year').split(' '));

/**
 * A second rendering left in brackets: machine translation (or a hurried editor) sometimes keeps
 * two translations of one Chinese word, the second in brackets ("an attempt (experimentation)").
 * Native English brackets hold names, numbers, acronyms and asides, rarely a lone word that
 * means much the same as the word before it. Reported when the bracketed word is a content word
 * related in meaning to one of the two words before it.
 */
export const bracketedGloss: Check = {
  meta: {
    id: 'bracketed-gloss',
    name: 'Second rendering in brackets',
    description: 'A lone word in brackets that repeats the meaning of the word before it, a second translation left in the text.',
    category: 'style/awkward',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'Most buyers chose to wait and see [(observation)].', suggestion: '', fixed: 'Most buyers chose to wait and see.' },
      { text: 'The launch was only a first attempt [(experimentation)] in the market.', suggestion: '', fixed: 'The launch was only a first attempt in the market.' },
    ],
    pass: [
      { text: 'The chief executive (pictured) resigned.' },
      { text: 'Sales rose 5% (year on year).' },
      { text: 'The World Trade Organization (WTO) ruled on Monday.' },
      { text: 'He spoke to the board (and to the press).' },
    ],
  },
  prepare() {
    pairModel();
  },
  run({ text }) {
    if (!text.includes('(')) return [];
    const model = pairModel();
    const findings: Finding[] = [];
    GLOSS.lastIndex = 0;
    for (let m = GLOSS.exec(text); m !== null; m = GLOSS.exec(text)) {
      const inside = m[2];
      if (inside.split(' ').some((w) => EDITORIAL.has(w))) continue;
      const gloss = model.id(inside.split(' ').pop()!);
      if (gloss === undefined || model.pos[gloss] === POS.other) continue;
      const before = [m[1].toLowerCase(), ...previousWord(text, m.index)].map((w) => model.id(w)).filter((id) => id !== undefined);
      if (!before.some((id) => model.similarity(id, gloss) >= 0.2)) continue;
      const start = m.index + m[1].length + 1;
      const end = m.index + m[0].length;
      findings.push({
        ruleId: 'bracketed-gloss',
        category: 'style/awkward',
        severity: 'minor',
        start,
        end,
        text: text.slice(start, end),
        message: `"${inside}" in brackets repeats the meaning of "${m[1]}".`,
        explanation:
          'Machine translation sometimes leaves two renderings of one Chinese word, the second in brackets. Keep the one that fits and delete the other.',
        suggestions: [''],
      });
    }
    return findings;
  },
};

/** The word before the one at `at`, if any ("see" before "wait and see"). */
function previousWord(text: string, at: number): string[] {
  const m = /([A-Za-z]+)\s+$/.exec(text.slice(Math.max(0, at - 40), at));
  return m ? [m[1].toLowerCase()] : [];
}
