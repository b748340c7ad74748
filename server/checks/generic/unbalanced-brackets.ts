import type { Check, Finding } from '../types';

// Quotation marks are not checked: in news copy a quotation often runs over several sentences,
// and a sentence is what a check sees.
const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '（': '）' };
const ANY_BRACKET = /[()[\]{}（）]/;
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));

/** Brackets must pair up within a sentence. */
export const unbalancedBrackets: Check = {
  meta: {
    id: 'unbalanced-brackets',
    name: 'Unbalanced brackets',
    description: 'An opening bracket without its closing partner, or the reverse.',
    category: 'fluency/punctuation',
    severity: 'minor',
    suggests: false,
  },
  examples: {
    flag: [
      { text: 'Revenue rose [(]see table 2.' },
      { text: 'Costs fell (mainly energy)[)] last year.' },
    ],
    pass: [
      { text: 'Revenue rose (see table 2).' },
      { text: 'Items 1) and 2) are new.' },
      { text: '“We will see. It is early,” she said.' },
    ],
  },
  run({ text }) {
    if (!ANY_BRACKET.test(text)) return [];
    const findings: Finding[] = [];
    const open: { char: string; at: number }[] = [];
    const flag = (at: number, char: string, message: string) =>
      findings.push({
        ruleId: 'unbalanced-brackets', category: 'fluency/punctuation', severity: 'minor',
        start: at, end: at + 1, text: char, message, suggestions: [],
      });
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (PAIRS[c]) open.push({ char: c, at: i });
      else if (CLOSERS.has(c)) {
        const top = open[open.length - 1];
        if (top && top.char === CLOSERS.get(c)) open.pop();
        // A lone ")" after a list number ("1)") is a list marker, not a bracket.
        else if (!(c === ')' && /(^|\s)[\dA-Za-z]$/.test(text.slice(Math.max(0, i - 2), i)))) {
          flag(i, c, `"${c}" closes a bracket or quote that was never opened.`);
        }
      }
    }
    for (const { char, at } of open) flag(at, char, `"${char}" is never closed.`);
    return findings.sort((a, b) => a.start - b.start);
  },
};
