import type { Check, Finding } from '../types';
import { pairModel, type PairModel } from './model';

/**
 * Quoted coinage: two or three words in quotation marks that English never puts side by side.
 * Chinese news marks its buzzwords with quotation marks, and machine translation keeps the marks
 * around a word-for-word rendering ("lamp sea tactics", "soup-pot economy"), so the marks point
 * at the calques that no list knows yet. Left alone:
 *   - a phrase that starts with a capital (a title or a name: "Blue Moon", "China plus one"),
 *   - a phrase with a word the language model does not know (a name, a foreign word),
 *   - a phrase the text introduces as a term ("so-called", "known as", "dubbed" …), which is how
 *     native English quotes a Chinese term it then explains,
 *   - a phrase whose neighbouring words the model has all seen together.
 */
export const quotedCoinage: Check = {
  meta: {
    id: 'quoted-coinage',
    name: 'Quoted coinage',
    description: 'A phrase in quotation marks whose words English does not put together: often a Chinese buzzword rendered word for word.',
    category: 'style/awkward',
    severity: 'minor',
    suggests: false,
  },
  examples: {
    flag: [
      { text: 'Lamp makers have turned to "[lamp sea tactics]" this year.' },
      { text: 'Analysts now write about a ‘[soup-pot economy]’ in the north.' },
    ],
    pass: [
      { text: 'Lamp makers have turned to what the press calls "lamp sea tactics".' },
      { text: 'The minister called the plan "a bold step" on Monday.' },
      { text: 'The band played "Blue Moon" twice.' },
      { text: 'Exporters are moving to a "China plus one" plan.' },
      { text: 'Lamp makers have turned to price cuts this year.' },
      { text: "The firm's 'core' products are its lamps." },
    ],
  },
  prepare() {
    pairModel();
  },
  run({ text }) {
    if (!QUOTE_MARK.test(text)) return [];
    const model = pairModel();
    const findings: Finding[] = [];
    for (const m of text.matchAll(QUOTED)) {
      const phrase = m[1] ?? m[2];
      const start = m.index + 1;
      if (isCoinage(model, phrase) && !INTRODUCED.test(text.slice(Math.max(0, m.index - 30), m.index))) findings.push(finding(phrase, start));
    }
    return findings;
  },
};

const QUOTE_MARK = /["\u201c\u2018']/;
// A quoted phrase of letters, spaces and hyphens, at most 40 characters, starting and ending with
// a letter. Single quotes count only where they cannot be apostrophes. The bounded, lazy body
// keeps the search linear: each opening mark looks at most 40 characters ahead.
const QUOTED = /["\u201c]([A-Za-z](?:[A-Za-z\- ]{0,38}?[A-Za-z])?)["\u201d]|(?<![\p{L}\p{N}])['\u2018]([A-Za-z](?:[A-Za-z\- ]{0,38}?[A-Za-z])?)['\u2019](?![\p{L}\p{N}])/gu;
// Words that introduce a term as a term, just before the opening mark (an article may stand between).
const INTRODUCED = /\b(?:so-called|known as|calls?|called|calling|dubbed|terms?|termed|nicknamed|label(?:l)?ed|phrase|slogan|motto|(?:en)?titled|words?|names?|named|meaning|means|translates as|translated as)(?:\s+(?:the|a|an|its|their|this|that))?\s*$/i;

function isCoinage(model: PairModel, phrase: string): boolean {
  const words = phrase.split(/[\s-]+/);
  if (words.length < 2 || words.length > 3) return false;
  if (/^[A-Z]/.test(words[0])) return false;
  const ids: number[] = [];
  for (const word of words) {
    const id = model.id(word.toLowerCase());
    if (id === undefined) return false;
    ids.push(id);
  }
  for (let i = 0; i + 1 < ids.length; i++) if (model.bigramLog10(ids[i], ids[i + 1]) === undefined) return true;
  return false;
}

function finding(phrase: string, start: number): Finding {
  return {
    ruleId: 'quoted-coinage',
    category: 'style/awkward',
    severity: 'minor',
    start,
    end: start + phrase.length,
    text: phrase,
    message: `"${phrase}" in quotation marks is a coinage English readers will not know.`,
    explanation:
      'Chinese news puts its buzzwords in quotation marks, and machine translation keeps the marks around a word-for-word ' +
      'rendering. English writers do not put these words side by side, so a reader sees the quotation marks but not the meaning. ' +
      'Say what the term means, or keep it and explain it where it first appears.',
    suggestions: [],
  };
}
