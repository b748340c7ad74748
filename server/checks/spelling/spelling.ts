import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../paths';
import type { Token } from '../../text/tokens';
import type { Check, Finding } from '../types';
import { WordList } from './word-list';
import { pairModel } from '../naturalness/model';

interface SpellData {
  words: WordList;
  allow: Set<string>;
}

let data: SpellData | undefined;

export function wordListFile(): string {
  return path.join(PROJECT_ROOT, 'data', 'lexicon', 'english-words.txt');
}

/** SCOWL's American and British words (data/lexicon/english-words.txt) plus data/lexicon/allowlist.txt; loaded on first use. */
function spellData(): SpellData {
  if (data) return data;
  const allow = new Set(
    fs
      .readFileSync(path.join(PROJECT_ROOT, 'data', 'lexicon', 'allowlist.txt'), 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().toLowerCase())
      .filter((l) => l !== ''),
  );
  return (data = { words: WordList.fromFile(wordListFile()), allow });
}

// A run of non-space characters that is an address, not prose: URL, e-mail, @handle, #tag, file or domain name.
const NOT_PROSE = /^[("'“‘[]*(?:[@#]|\w+:\/\/|www\.)|@|\/|\\|\w\.[a-z]{2,}\b/i;
// Letters with inner apostrophes and hyphens: don't, editor's, well-known.
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*['’]?/gu;
const MAX_SUGGEST_LENGTH = 15;

// Per-process memos; cleared when full so that a stream of made-up words cannot grow them without end.
const MAX_CACHED_WORDS = 100_000;
const known = new Map<string, boolean>();
const suggestions = new Map<string, string[]>();

/**
 * Spelling check against SCOWL's American and British word lists. Skips what a dictionary cannot judge: capitalised words
 * (names, including romanised Chinese names), acronyms, words with digits, addresses and handles,
 * and the document's own word list (`ignoreWords`). British spellings pass, and so do words
 * built from known words: hyphenated (well-known), prefixed (reconfigurable), closed compounds of
 * two words of four letters or more (drumhead), except common run-ons such as "everytime".
 */
export const spelling: Check = {
  meta: {
    id: 'spelling',
    name: 'Spelling',
    description: 'A word that is not in the English dictionary.',
    category: 'fluency/spelling',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { text: 'The government will [recieve] the report next week.', suggestion: 'receive', fixed: 'The government will receive the report next week.' },
      { text: 'Sales grew in the [thrid] quarter.', suggestion: 'third', fixed: 'Sales grew in the third quarter.' },
      { text: 'It was a [well-knwon] brand.' },
      { text: 'We meet [everytime] it rains.' },
      { text: 'Revenue reached Rmb2.3bn on 7nm-[calss] chips.', suggestion: 'class', fixed: 'Revenue reached Rmb2.3bn on 7nm-class chips.' },
    ],
    pass: [
      { text: 'Li Xiaoming met the CEO of Huawei in Shenzhen.' },
      { text: "The startup's smartphone app launched on e-commerce platforms." },
      { text: 'See https://example.com/a-b or write to press@example.org, #fintech @calque.' },
      { text: 'The A380 carried 500 passengers in 2019.' },
      { text: "We didn't see the editors' notes on the well-known blockchain." },
      { text: 'The colour of the centre was realised as a reconfigurable drumhead.' },
      { text: 'Revenue reached Rmb2.3bn, up from 12mn, in the 15th quarter of 7nm-class chips.' },
      { text: 'It turned a profit on revenue of Rmb2.3bn.' },
      { text: "Its raison d'être was a fait accompli, and déjà vu followed en masse." },
      { text: 'Competition (neijuan in Chinese) is fierce.' },
    ],
  },
  prepare() {
    spellData();
  },
  run({ text, tokens, ignoreWords }) {
    const findings: Finding[] = [];
    let found = !NOT_PLAIN_ASCII.test(text) ? misspelledTokens(text, tokens) : misspelledChunks(text);
    if (found.length > 0) found = outsideLoans(text, found);
    for (const { offset: start, word } of found) {
      if (ignoreWords?.has(word.replace(/’/g, "'"))) continue;
      findings.push({
        ruleId: 'spelling',
        category: 'fluency/spelling',
        severity: 'minor',
        start,
        end: start + word.length,
        text: word,
        message: `"${word}" is not in the dictionary.`,
        suggestions: suggest(word),
      });
    }
    return findings;
  },
};

const CHUNK = /\S+/g;
/**
 * ASCII text without hyphens, addresses or handles: there each word of the dictionary's kind is
 * a token, and the tokens (whose norms the phrase matcher has already hashed) can be looked up
 * directly. Anything else goes through misspelledChunks.
 */
const NOT_PLAIN_ASCII = /[^\x00-\x7f]|[-@#/\\]|www\.|\w\.[a-z]{2,}/i;

interface Misspelling {
  /** Offset of the word in the text (or in its chunk, inside misspellingsIn). */
  offset: number;
  word: string;
}

function misspelledTokens(text: string, tokens: Token[]): Misspelling[] {
  let found: Misspelling[] | undefined;
  for (const token of tokens) {
    if (token.kind !== 'word') continue;
    const { norm, start, end } = token;
    // The text is ASCII here: capitals and digits are found by their codes.
    let capital = false;
    let digit = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x41 && c <= 0x5a) capital = true;
      else if (c >= 0x30 && c <= 0x39) digit = true;
    }
    if (digit) {
      // "mp3s": the dictionary sees the letter runs, as in a chunk.
      for (const m of misspellingsIn(text.slice(start, end))) (found ??= []).push({ offset: start + m.offset, word: m.word });
      continue;
    }
    // A capital anywhere (names, acronyms, iPhone) is not the dictionary's business.
    if (capital || norm.length < 2) continue;
    // A unit the tokenizer cut off its number ("Rmb2.3" + "bn").
    if (start > 0 && isDigitCode(text.charCodeAt(start - 1)) && NUMBER_ENDINGS.has(norm)) continue;
    if (!isKnownLowerCase(norm)) (found ??= []).push({ offset: start, word: norm });
  }
  return found ?? NONE;
}

const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

function misspelledChunks(text: string): Misspelling[] {
  let found: Misspelling[] | undefined;
  CHUNK.lastIndex = 0;
  let chunk: RegExpExecArray | null;
  while ((chunk = CHUNK.exec(text)) !== null) {
    for (const { offset, word } of misspellingsIn(chunk[0])) (found ??= []).push({ offset: chunk.index + offset, word });
  }
  return found ?? NONE;
}

const NONE: Misspelling[] = [];
/** Misspellings per chunk of non-space characters: text repeats its words, so most chunks are looked up, not checked. */
const byChunk = new Map<string, Misspelling[]>();
const MAX_CACHED_CHUNKS = 200_000;

const NUMBER_ENDINGS = new Set(('k m bn mn tn b st nd rd th s nm mm cm km kg g t mg ml l gb mb tb kb kw mw gw kwh mwh gwh hz ghz mhz ' +
  'mph kph x pc pct yr yrs am pm').split(' '));

/**
 * Loan phrases whose parts are not English words on their own (raison d'être, déjà vu): accepted
 * only together, so that "vu" alone is still flagged.
 */
const LOAN_PHRASES = new RegExp(
  '\\b(?:' +
    ["raison d['’]être", 'mea culpa', 'carte blanche', 'fait accompli', 'en masse', 'd[ée]j[àa] vu', 'de minimis', 'bona fide',
      'vice versa', 'ad hoc', 'per se', 'status quo', "coup d['’][ée]tat", 'laissez[- ]faire', 'et al', 'sui generis', 'quid pro quo',
      'in situ', 'pro rata', 'ad infinitum', 'joie de vivre', 'savoir[- ]faire', 'nouveau riche', 'force majeure', 'lai see',
      "hors d['’]oeuvres?", 'cause c[ée]l[èe]bre', 'bête noire', 'enfant terrible', 'fin de si[èe]cle', 'pi[èe]ce de r[ée]sistance',
      'tour de force', 'vis[- ]à[- ]vis', 'prima facie', 'modus operandi', 'magnum opus', 'persona non grata', 'terra incognita',
      'ex ante', 'ex post', 'ad nauseam', 'in absentia', 'de facto', 'de jure', 'non sequitur', 'bon voyage', 'cordon sanitaire',
    ].join('|') +
    ')(?![\\p{L}])',
  'giu',
);

/** Drops misspellings inside a loan phrase, or directly followed by "in Chinese" (a gloss: "neijuan in Chinese"). */
function outsideLoans(text: string, found: Misspelling[]): Misspelling[] {
  const spans: [number, number][] = [];
  LOAN_PHRASES.lastIndex = 0;
  for (let m = LOAN_PHRASES.exec(text); m !== null; m = LOAN_PHRASES.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return found.filter(({ offset, word }) =>
    !spans.some(([a, b]) => a <= offset && offset + word.length <= b)
    && !/^ in (?:Chinese|Mandarin|Cantonese|pinyin)\b/.test(text.slice(offset + word.length, offset + word.length + 14)));
}

function misspellingsIn(chunk: string): Misspelling[] {
  let found = byChunk.get(chunk);
  if (found) return found;
  found = NONE;
  if (!NOT_PROSE.test(chunk)) {
    for (const m of chunk.matchAll(WORD)) {
      let word = m[0].replace(/['’]$/, '');
      let offset = m.index;
      // Units and endings written against a number: Rmb2.3bn, 12mn, the 15th, 7nm-class chips.
      if (offset > 0 && /[0-9]/.test(chunk[offset - 1])) {
        const unit = /^([a-z]{1,3})(?:-|$)/.exec(word);
        if (unit && NUMBER_ENDINGS.has(unit[1])) {
          if (unit[0].length === word.length) continue;
          offset += unit[0].length;
          word = word.slice(unit[0].length);
        }
      }
      if (isCorrect(word)) continue;
      if (found === NONE) found = [];
      found.push({ offset, word });
    }
  }
  if (byChunk.size >= MAX_CACHED_CHUNKS) byChunk.clear();
  byChunk.set(chunk, found);
  return found;
}

/** Whether the dictionary accepts the word, or it is not the dictionary's business (the document's own words aside). */
function isCorrect(word: string): boolean {
  // Names, acronyms and mixed case (iPhone) are not the dictionary's business; nor single letters.
  if (word.length < 2 || /\p{Lu}/u.test(word)) return true;
  // Only Latin-script words are the English dictionary's business (leftover-cjk reports Chinese).
  if (!/^[\p{Script=Latin}'’-]+$/u.test(word)) return true;
  return isKnownLowerCase(word.replace(/’/g, "'"));
}

/** The verdict on a lower-case word with ASCII apostrophes, memoised. */
function isKnownLowerCase(word: string): boolean {
  let ok = known.get(word);
  if (ok === undefined) {
    ok = checkWord(word);
    if (known.size >= MAX_CACHED_WORDS) known.clear();
    known.set(word, ok);
  }
  return ok;
}

function checkWord(word: string): boolean {
  const base = word.replace(/'s$/, '');
  if (knownWord(word) || (base !== word && knownWord(base))) return true;
  if (base.includes('-')) return base.split('-').every((part) => part.length < 2 || PREFIX.test(part + '-') || knownWord(part));
  // Productive prefixes and suffixes: reconfigurable, electromechanical, programmability.
  const m = PREFIX.exec(base);
  if (m && base.length - m[0].length >= 4 && knownWord(base.slice(m[0].length))) return true;
  const able = /^(.{3,})ability$/.exec(base);
  if (able && (knownWord(able[1] + 'able') || checkWord(able[1] + 'able'))) return true;
  return isCompound(base);
}

// Words wrongly run together that the compound rule below would otherwise accept.
const RUN_ON = new Set(['everytime', 'eachother', 'infact', 'aswell', 'atleast', 'incase', 'inspite', 'ontop', 'alot', 'thankyou', 'eventhough', 'afterall']);

/** A closed compound of two dictionary words of four letters or more (drumhead, mouthparts). */
function isCompound(word: string): boolean {
  if (RUN_ON.has(word) || word.length < 8 || word.length > 2 * MAX_PART_LENGTH) return false;
  const { words } = spellData();
  // Both parts are dictionary words, so neither is longer than the longest: a long run of letters
  // tries a bounded number of splits, not one per letter.
  for (let i = Math.max(4, word.length - MAX_PART_LENGTH); i <= Math.min(word.length - 4, MAX_PART_LENGTH); i++) {
    if (words.has(word.slice(0, i)) && words.has(word.slice(i))) return true;
  }
  return false;
}

/** Longer than any English dictionary word. */
const MAX_PART_LENGTH = 60;

const PREFIX = /^(?:pre|re|un|non|co|anti|auto|bio|counter|cyber|eco|electro|geo|hydro|hyper|inter|macro|micro|mid|mis|multi|neuro|over|photo|post|psycho|semi|socio|sub|super|tele|thermo|trans|ultra|under)-?/;

/** The dictionary or the allowlist knows the word, in American or British spelling. */
function knownWord(word: string): boolean {
  const { words, allow } = spellData();
  if (RUN_ON.has(word)) return false;
  if (allow.has(word) || words.has(word)) return true;
  return britishToAmerican(word).some((v) => v !== word && words.has(v));
}

/** American spellings of a British form: realise, colour, centre, travelled, analyse, defence. */
function britishToAmerican(word: string): string[] {
  return [
    word.replace(/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1'),
    word.replace(/ys(e|es|ed|ing)$/, 'yz$1'),
    word.replace(/our(s|ed|ing|ful|ite|ites|able|er|ers)?$/, 'or$1'),
    word.replace(/tre(s)?$/, 'ter$1'),
    word.replace(/ll(ed|ing|er|ers)$/, 'l$1'),
    word.replace(/ence$/, 'ense'),
    word.replace(/ogue(s)?$/, 'og$1'),
    word.replace(/eing$/, 'ing'),
    word.normalize('NFD').replace(/\p{M}/gu, ''),
  ];
}

/**
 * Up to three dictionary words one edit away (swapped, replaced, dropped or added letter), the
 * most frequent in English first ("hormon" → "hormone" before "horton"), and among words equally
 * rare in that order: one edit covers the common typos at well under a millisecond per word.
 */
function suggest(word: string): string[] {
  if (word.length > MAX_SUGGEST_LENGTH) return [];
  let list = suggestions.get(word);
  if (!list) {
    list = oneEditAway(word.toLowerCase());
    if (suggestions.size >= MAX_CACHED_WORDS) suggestions.clear();
    suggestions.set(word, list);
  }
  return list;
}

const LETTERS = 'esianrtolcdugmphbyfvkwzxqj';

function oneEditAway(word: string): string[] {
  const { words } = spellData();
  const model = pairModel();
  const found: string[] = [];
  const consider = (candidate: string) => {
    if (candidate.length > 1 && !found.includes(candidate) && words.has(candidate)) found.push(candidate);
  };
  for (let i = 0; i < word.length - 1; i++) consider(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 0; i < word.length; i++) for (const c of LETTERS) if (c !== word[i]) consider(word.slice(0, i) + c + word.slice(i + 1));
  for (let i = 0; i < word.length; i++) consider(word.slice(0, i) + word.slice(i + 1));
  for (let i = 0; i <= word.length; i++) for (const c of LETTERS) consider(word.slice(0, i) + c + word.slice(i));
  // A word's id in the word-pair data is its frequency rank; words it does not know come after.
  const rank = (w: string) => model.id(w) ?? Number.MAX_SAFE_INTEGER;
  return found.map((w, order) => ({ w, order, rank: rank(w) })).sort((a, b) => a.rank - b.rank || a.order - b.order).slice(0, 3).map((c) => c.w);
}
