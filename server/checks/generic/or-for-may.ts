import type { Check, Finding } from '../types';
import type { Token } from '../../text/tokens';
import { POS } from '../naturalness/format';
import { pairModel, type PairModel } from '../naturalness/model';

/**
 * 或 ("may", "possibly") read as "or": Chinese headlines and leads say "X 或将 IPO" (X may list),
 * and machine translation writes "X or will go public", "sales or exceed a million", "MiniMax or
 * IPO". English "or" joins two alternatives, so "or" followed by a verb needs a first alternative
 * that is itself a verb phrase: "pay now or be charged later". Reported when "or" is followed by
 * "will", "be" or a verb, and the words before it in the clause hold no verb, auxiliary or
 * conjunction: the subject alone, then "or".
 */
const AUXILIARIES = new Set(['will', 'would']);
const FUNCTION_WORDS = new Set(('can could may might must should shall is are was were be been being has have had do does did to will ' +
  'would whether either not if when as than that which who whose what how why where while because neither nor or and').split(' '));
// Ends the clause the subject is looked for in.
const CLAUSE_END = /^[,;:.!?()"“”—–]$/;

export const orForMay: Check = {
  meta: {
    id: 'or-for-may',
    name: '"Or" for "may"',
    description: 'A subject followed by "or" and a verb: the Chinese 或 ("may") translated as "or".',
    category: 'accuracy/mistranslation',
    severity: 'major',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'The carmaker [or will] cut prices again next month.', suggestion: 'may', fixed: 'The carmaker may cut prices again next month.' },
      { text: 'Handset shipments this year [or exceed] 300 million units.', suggestion: 'may exceed', fixed: 'Handset shipments this year may exceed 300 million units.' },
      { text: 'The drone maker [or IPO] in Shanghai next year.', suggestion: 'may go public', fixed: 'The drone maker may go public in Shanghai next year.' },
      { text: 'The new rules [or be] delayed until spring.', suggestion: 'may be', fixed: 'The new rules may be delayed until spring.' },
    ],
    pass: [
      { text: 'Customers can pay now or be charged later.' },
      { text: 'Sooner or later the market will turn.' },
      { text: 'Shoppers pay by card, PayPal or buy-now-pay-later plans.' },
      { text: 'It is unclear whether Tesla or BYD will win.' },
      { text: 'Investors must decide whether to hold or sell.' },
      { text: 'Two or three rivals will follow.' },
    ],
  },
  prepare() {
    pairModel();
  },
  run({ text, tokens }) {
    if (!text.includes('or ')) return [];
    const model = pairModel();
    const findings: Finding[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      const or = tokens[i];
      if (or.kind !== 'word' || or.norm !== 'or' || text.slice(or.start, or.end) !== 'or') continue;
      const next = tokens[i + 1];
      const suggestion = next.kind === 'word' ? mayReading(model, text, next) : undefined;
      if (suggestion === undefined || !subjectAlone(model, text, tokens, i)) continue;
      findings.push({
        ruleId: 'or-for-may',
        category: 'accuracy/mistranslation',
        severity: 'major',
        start: or.start,
        end: next.end,
        text: text.slice(or.start, next.end),
        message: `"or" here most likely renders 或, "may".`,
        explanation:
          'Chinese 或 and 或将 mean "may" or "is likely to"; machine translation often renders them "or", which turns a forecast into a broken alternative. Check the source and say "may".',
        suggestions: [suggestion],
      });
    }
    return findings;
  },
};

/** What "or" + this word says when "or" renders 或 ("or exceed" → "may exceed"); undefined for a plain "or". */
function mayReading(model: PairModel, text: string, word: Token): string | undefined {
  const written = text.slice(word.start, word.end);
  if (AUXILIARIES.has(word.norm)) return 'may';
  if (word.norm === 'be') return 'may be';
  if (written === 'IPO') return 'may go public';
  // The first word of a compound ("buy-now-pay-later") is not a verb of the clause.
  if (text[word.end] === '-') return undefined;
  const id = model.id(word.norm);
  if (id === undefined || model.pos[id] !== POS.verb || written !== word.norm || !isBaseForm(model, word.norm)) return undefined;
  return `may ${written}`;
}

/**
 * "exceed", "cut": not "turns" (a plural noun as often as a verb), "launched" or "rising", whose
 * "or" joins two nouns or participles as often as not.
 */
function isBaseForm(model: PairModel, word: string): boolean {
  if (/ing$/.test(word) || /[^s]s$/.test(word)) return false;
  const past = /^(.{2,}?)e?d$/.exec(word);
  return !(past && (model.id(past[1]) !== undefined || model.id(past[1] + 'e') !== undefined));
}

/** The words before "or" in its clause are a subject alone: no verb, auxiliary or conjunction. */
function subjectAlone(model: PairModel, text: string, tokens: Token[], or: number): boolean {
  let words = 0;
  for (let j = or - 1; j >= 0; j--) {
    const t = tokens[j];
    if (t.kind !== 'word') {
      if (CLAUSE_END.test(text.slice(t.start, t.end))) break;
      continue;
    }
    if (FUNCTION_WORDS.has(t.norm)) return false;
    const id = model.id(t.norm);
    const capitalised = text.charCodeAt(t.start) < 0x61;
    if (id !== undefined && model.pos[id] === POS.verb && !capitalised) return false;
    words++;
  }
  return words > 0;
}
