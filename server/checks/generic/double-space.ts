import type { Check, Finding } from '../types';

export const doubleSpace: Check = {
  meta: {
    id: 'double-space',
    name: 'Double space',
    description: 'Two or more spaces between words.',
    category: 'fluency/punctuation',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [{ text: 'The company[  ]said on Monday.', suggestion: ' ', fixed: 'The company said on Monday.' }],
    pass: [{ text: 'The company said on Monday.' }],
  },
  run({ text }) {
    if (!text.includes('  ')) return [];
    const findings: Finding[] = [];
    for (const m of text.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
      findings.push({
        ruleId: 'double-space',
        category: 'fluency/punctuation',
        severity: 'minor',
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        message: 'More than one space between words.',
        suggestions: [' '],
      });
    }
    return findings;
  },
};
