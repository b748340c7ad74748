import fs from 'node:fs';
import path from 'node:path';
import type { Check, Finding } from '../types';
import { PROJECT_ROOT } from '../../paths';

/**
 * The formulas Chinese headlines and leads open with (重磅！ "Heavy!", 刚刚！ "Just now!", 官宣：
 * "Official announcement:") carried into English, where a headline states the news itself. The
 * formulas are data (data/lexicon/headline-openers.tsv); a formula counts only at the start of a
 * segment or line and before "!", ":" or "|", so "Heavy rain flooded the city" is left alone.
 */
interface Opener {
  zh: string;
  signals: string;
}

export function headlineOpenersFile(): string {
  return path.join(PROJECT_ROOT, 'data', 'lexicon', 'headline-openers.tsv');
}

export function parseHeadlineOpeners(text: string): Map<string, Opener> {
  const openers = new Map<string, Opener>();
  for (const raw of text.split('\n')) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    const [formula, zh, signals] = raw.split('\t').map((s) => s.trim());
    if (!formula || !zh || !signals) throw new Error(`${headlineOpenersFile()}: "${raw}" needs three tab-separated fields`);
    openers.set(formula.toLowerCase(), { zh, signals });
  }
  return openers;
}

let shared: Map<string, Opener> | undefined;
const openers = () => (shared ??= parseHeadlineOpeners(fs.readFileSync(headlineOpenersFile(), 'utf8')));

// At a line start: quotes or spaces, a formula of at most 30 characters, then its mark.
const OPENING = /^[ \t"“']*([A-Za-z][A-Za-z'’ ]{0,29}?)[ \t]*([!！]+|[:：|｜])/;
// Quotes, a formula and its mark fit in this many characters of a line.
const LINE_LOOKAHEAD = 48;

export const headlineOpener: Check = {
  meta: {
    id: 'headline-opener',
    name: 'Chinese headline formula',
    description: 'A headline or lead that opens with a Chinese formula such as 重磅 ("Heavy!") or 刚刚 ("Just now!"), translated word for word.',
    category: 'style/awkward',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { text: '[Heavy!] Xiaomi unveils its first SUV.', suggestion: '', fixed: 'Xiaomi unveils its first SUV.' },
      { text: '[Just now:] the central bank cut its key rate.', suggestion: '', fixed: 'The central bank cut its key rate.' },
      { text: '[Official announcement!] The band will tour Europe.', suggestion: '', fixed: 'The band will tour Europe.' },
    ],
    pass: [
      { text: 'Breaking: the central bank cut its key rate.' },
      { text: 'Heavy rain flooded the city!' },
      { text: 'Exclusive: inside the battery factory.' },
      { text: 'The rally was shocking!' },
    ],
  },
  prepare() {
    openers();
  },
  run({ text }) {
    const findings: Finding[] = [];
    for (let start = 0; start < text.length; ) {
      const finding = openerAt(text, start);
      if (finding) findings.push(finding);
      const next = text.indexOf('\n', start);
      if (next < 0) break;
      start = next + 1;
    }
    return findings;
  },
};

function openerAt(text: string, lineStart: number): Finding | undefined {
  const head = text.slice(lineStart, lineStart + LINE_LOOKAHEAD);
  const m = OPENING.exec(head);
  if (!m) return undefined;
  const formula = m[1].replace(/’/g, "'").toLowerCase();
  const opener = openers().get(formula);
  if (!opener) return undefined;
  const from = lineStart + m[0].indexOf(m[1]);
  const end = lineStart + m[0].length;
  return {
    ruleId: 'headline-opener',
    category: 'style/awkward',
    severity: 'minor',
    start: from,
    end,
    text: text.slice(from, end),
    message: `"${text.slice(from, end)}" opens the line as Chinese headlines do (${opener.zh}, ${opener.signals}).`,
    explanation:
      `Chinese headlines and leads often open with a formula such as 重磅 ("heavyweight"), 刚刚 ("just now") or 官宣 ("officially announced") to mark the news as important or fresh. ` +
      `Rendered word for word, "${m[1]}" reads as shouting, or as nonsense, in English, where a headline states the news itself. Delete it, or say what is new.`,
    suggestions: [''],
  };
}
