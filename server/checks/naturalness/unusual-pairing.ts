import type { Check, Finding } from '../types';
import type { Token } from '../../text/tokens';
import { POS } from './format';
import { pairModel, type PairModel } from './model';
import { naturalPairs } from './natural-pairs';

/**
 * Unusual word pairing: a modifier and a word it modifies that native English does not put
 * together — the mark of a calque whose words are each fine ("thunderous trend", "disorderly
 * competition", "stubborn users"). It needs no list of calques. A pair is reported when
 *   - the language model has never seen the two words side by side,
 *   - their vectors say they belong to unrelated topics, and
 *   - the word modified belongs to business and technology news while the modifier comes from far
 *     outside it: the shape of a figure of speech carried over word for word.
 * Each condition alone is common in good English; together they are rare there (calibrated on
 * native news and edited translations, see the README's evaluation section).
 */
export const THRESHOLDS = {
  /** Vector cosine below which two words count as unrelated. */
  maxSimilarity: 0.25,
  /** The modified word is at least this close to business and technology news (× 100). */
  minHeadDomain: 60,
  /** The modifier is at most this close to it. */
  maxModifierDomain: 30,
  /**
   * A near-synonym of the modifier this close that English does pair with the word means the pair
   * is merely rare ("immense market" beside "enormous market"), not a calque.
   */
  synonymSimilarity: 0.72,
};

export const unusualPairing: Check = {
  meta: {
    id: 'unusual-pairing',
    name: 'Unusual word pairing',
    description: 'Two words that native English does not put together, a sign of a word-for-word translation.',
    category: 'style/awkward',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'Car makers are locked in [disorderly competition] over prices.' },
      { text: 'The sector kept its [thunderous trend] into the spring.' },
    ],
    pass: [
      { text: 'Car makers are locked in fierce competition over prices.' },
      { text: 'The sector kept its upward trend into the spring.' },
      { text: 'Stubborn inflation kept rates high.' },
    ],
  },
  prepare() {
    pairModel();
    naturalPairs();
  },
  run({ text, tokens }) {
    return unusualPairs(text, tokens, naturalPairs());
  },
};

/** The unusual pairs of a text, leaving alone the native pairs listed in `natural` ("idle assets"). */
export function unusualPairs(text: string, tokens: Token[], natural: Set<string>): Finding[] {
  const model = pairModel();
  const findings: Finding[] = [];
  let previous: { token: Token; id: number } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const id = token.kind === 'word' && isPlainLowerCase(text, token) ? model.id(token.norm) : undefined;
    if (id === undefined) {
      previous = undefined;
      continue;
    }
    if (previous && isUnusual(model, previous, id) && !startsCompound(model, tokens[i + 1]) && !natural.has(`${previous.token.norm} ${token.norm}`)) {
      findings.push(finding(model, text, previous, { token, id }));
    }
    previous = { token, id };
  }
  return findings;
}

function isUnusual(model: PairModel, modifier: { token: Token; id: number }, b: number): boolean {
  const a = modifier.id;
  // Adjective + noun only: adverb + verb pairs were as frequent in native text as in calques.
  if (model.pos[a] !== POS.adjective || model.pos[b] !== POS.noun) return false;
  // Negated and comparative adjectives (unrelated, riskier) are rarer than their base, not odder.
  if (isDerived(model, modifier.token.norm)) return false;
  if (model.domain[b] < THRESHOLDS.minHeadDomain || model.domain[a] > THRESHOLDS.maxModifierDomain) return false;
  if (model.bigramLog10(a, b) !== undefined) return false;
  if (model.similarity(a, b) >= THRESHOLDS.maxSimilarity) return false;
  return !model.neighbours(a).some((n) => model.similarity(a, n) >= THRESHOLDS.synonymSimilarity && model.bigramLog10(n, b) !== undefined);
}

function finding(model: PairModel, text: string, a: { token: Token; id: number }, b: { token: Token; id: number }): Finding {
  const start = a.token.start;
  const end = b.token.end;
  const modifier = text.slice(a.token.start, a.token.end);
  const head = text.slice(b.token.start, b.token.end);
  const alternatives = nativePairings(model, a.id, b.id).map((n) => `${model.word(n)} ${head}`);
  return {
    ruleId: 'unusual-pairing',
    category: 'style/awkward',
    severity: 'minor',
    start,
    end,
    text: text.slice(start, end),
    message: `"${modifier} ${head}" is not a pairing English uses.`,
    explanation:
      `English writers almost never put "${modifier}" with "${head}", and the two words belong to unrelated topics. ` +
      `A pairing like this is often a word-for-word rendering of a Chinese expression: check what the source means and say that.` +
      (alternatives.length ? ` Pairings English does use: ${alternatives.map((s) => `"${s}"`).join(', ')}.` : ''),
    suggestions: alternatives,
  };
}

/** Close neighbours of the modifier that English does pair with the word, most frequent pairing first. */
function nativePairings(model: PairModel, a: number, b: number): number[] {
  const found: { n: number; p: number }[] = [];
  for (const n of model.neighbours(a)) {
    if (oneNegatesTheOther(model.word(a), model.word(n))) continue;
    const p = model.bigramLog10(n, b);
    if (p !== undefined) found.push({ n, p });
  }
  return found.sort((x, y) => y.p - x.p).slice(0, 3).map((x) => x.n);
}

/**
 * "normal" beside "abnormal", "legal" beside "illegal": word vectors put a word next to its own
 * negation, and suggesting it would say the opposite.
 */
function oneNegatesTheOther(x: string, y: string): boolean {
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.endsWith(short) && /^(?:un|non|in|im|il|ir|dis|ab|a)-?$/.test(long.slice(0, long.length - short.length));
}

/**
 * The noun starts a compound ("consumer association", "price lists"): the adjective describes the
 * compound, and the model's pairs say little about that.
 */
function startsCompound(model: PairModel, next: Token | undefined): boolean {
  if (!next || next.kind !== 'word') return false;
  const id = model.id(next.norm);
  return id !== undefined && model.pos[id] === POS.noun;
}

function isDerived(model: PairModel, word: string): boolean {
  const negated = /^(?:un|non)(.{4,})$/.exec(word);
  if (negated && model.id(negated[1]) !== undefined) return true;
  const compared = /^(.{3,}?)(?:ier|iest)$/.exec(word);
  if (compared && model.id(compared[1] + 'y') !== undefined) return true;
  const plain = /^(.{3,}?)(?:er|est)$/.exec(word);
  return plain !== null && (model.id(plain[1]) !== undefined || model.id(plain[1] + 'e') !== undefined);
}

/** Written in lower case in the text: names, acronyms and sentence-initial words are left alone. */
function isPlainLowerCase(text: string, token: Token): boolean {
  for (let i = token.start; i < token.end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return false;
  }
  return true;
}
