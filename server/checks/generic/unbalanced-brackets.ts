import type { Check, Finding } from '../types';

const PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '“': '”' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([open, close]) => [close, open]));

/** Brackets and curly quotes must pair up; straight double quotes must come in even numbers. */
export const unbalancedBrackets: Check = {
  meta: {
    id: 'unbalanced-brackets',
    name: 'Unbalanced brackets or quotes',
    description: 'An opening bracket or quote without its closing partner, or the reverse.',
    category: 'fluency/punctuation',
    severity: 'minor',
    suggests: false,
  },
  examples: {
    flag: [
      { text: 'Revenue rose [(]see table 2.' },
      { text: 'He called it [“]a turning point.' },
      { text: 'She said ["]we will see.' },
    ],
    pass: [{ text: 'Revenue rose (see table 2).' }, { text: 'He called it “a turning point”.' }, { text: 'Items 1) and 2) are new.' }],
  },
  run({ text }) {
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
    const straight = [...text.matchAll(/"/g)];
    if (straight.length % 2 === 1) {
      const last = straight[straight.length - 1].index;
      flag(last, '"', 'An odd number of double quotes: one is not closed.');
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
