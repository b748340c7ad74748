import type { Token } from '../../text/tokens';
import type { Check, Finding } from '../types';
import { isSentenceStart } from '../fix';

// Doubled words that are grammatical English, and words that English doubles (ylang ylang, mahi mahi).
const ALLOWED = new Set(['had', 'that', 'is', 'do', 'bye', 'no', 'very', 'so', 'ha', 'knock', 'tut', 'now', 'well',
  'there', 'night', 'ylang', 'mahi', 'chop', 'aye', 'pom', 'tom', 'cha', 'choo', 'tsk', 'beri', 'yada', 'hubba']);
// A word is bounded by what is not a letter, digit or apostrophe. (\b would be wrong and slow here:
// it is ASCII-only, so it falls between "a" and "é", and every such place starts a new attempt.)
const REPEAT = /(?<![\p{L}\p{N}'])([\p{L}\p{N}']+)(\s+)\1(?![\p{L}\p{N}'])/giu;

export const repeatedWord: Check = {
  meta: {
    id: 'repeated-word',
    name: 'Repeated word',
    description: 'The same word twice in a row ("the the").',
    category: 'fluency/grammar',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'Sales rose in [the the] third quarter.', suggestion: 'the', fixed: 'Sales rose in the third quarter.' },
      { text: 'Costs fell. [The The] rest rose.', suggestion: 'The', fixed: 'Costs fell. The rest rose.' },
    ],
    pass: [{ text: 'What we had had was enough.' }, { text: 'The theme of the talk was trust.' }, { text: 'They flew to Bora Bora in May.' }, { text: 'The perfume blends jasmine with ylang ylang.' }],
  },
  run({ text, tokens }) {
    // The expression (with its back-reference) is slow; only a sentence with two equal words side by side needs it.
    if (!hasAdjacentTwins(tokens)) return [];
    const findings: Finding[] = [];
    for (const m of text.matchAll(REPEAT)) {
      const word = m[1];
      if (ALLOWED.has(word.toLowerCase()) || /^\d+$/.test(word)) continue;
      // A doubled capitalised word inside a sentence is a name: Bora Bora, Baden Baden, Tian Tian.
      // (Only the few characters before the match are read: the whole prefix would make this quadratic.)
      if (/^\p{Lu}/u.test(word) && !isSentenceStart(m.index === 0 ? '' : text.slice(Math.max(0, m.index - 8), m.index))) continue;
      findings.push({
        ruleId: 'repeated-word',
        category: 'fluency/grammar',
        severity: 'minor',
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        message: `"${word}" is repeated.`,
        suggestions: [word],
      });
    }
    return findings;
  },
};

function hasAdjacentTwins(tokens: Token[]): boolean {
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].norm === tokens[i - 1].norm && tokens[i].kind === 'word') return true;
  }
  return false;
}
