import type { Check, Finding } from '../types';
import { isSpaceBeforePunctuation } from './punctuation-spacing';

export const doubleSpace: Check = {
  meta: {
    id: 'double-space',
    name: 'Double space',
    description: 'Two or more spaces between words (before a comma or a full stop, punctuation spacing reports them).',
    category: 'fluency/punctuation',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [{ text: 'The company[  ]said on Monday.', suggestion: ' ', fixed: 'The company said on Monday.' }],
    // Spaces before a comma are punctuation-spacing's: one finding, whose fix removes them all.
    pass: [{ text: 'The company said on Monday.' }, { text: 'The company said  , on Monday, that sales rose.' }],
  },
  run({ text }) {
    if (!text.includes('  ')) return [];
    const findings: Finding[] = [];
    for (const m of text.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
      if (isSpaceBeforePunctuation(text, m.index)) continue;
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
