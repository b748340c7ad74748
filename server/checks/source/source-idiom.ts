import { lemmaKey } from '../../text/lemma';
import type { Token } from '../../text/tokens';
import type { Check, Finding } from '../types';
import { rememberRecent } from '../../text/remember';
import { findExpressions, idiomLexicon, type IdiomEntry } from './idiom-lexicon';

/** Literal words of three or more characters must fall within this many word tokens... */
const WINDOW = 6;
/** ...and those of just two characters within this many ("blood with one needle"). */
const PAIR_WINDOW = 4;

/**
 * Finds the idioms (成语, from CC-CEDICT) and business jargon (data/lexicon/jargon.yaml) of the
 * source and looks in the translation for their word-for-word rendering: words glossing two or
 * more different characters of the expression, close together. Words that also occur in the
 * expression's real meaning do not count, so "keep your feet on the ground" for 脚踏实地 passes.
 * An idiom translated by its meaning leaves nothing to point at, and nothing is reported.
 */
export const sourceIdiom: Check = {
  meta: {
    id: 'source-idiom',
    name: 'Idiom translated literally',
    description: 'A Chinese idiom or jargon term of the source rendered character by character in the translation.',
    category: 'accuracy/mistranslation',
    severity: 'major',
    suggests: true,
    needsSource: true,
  },
  examples: {
    flag: [
      {
        source: '年轻人要脚踏实地，不要好高骛远。',
        text: 'Young people should [tread on solid earth] and not aim too high.',
        suggestion: 'have their feet firmly planted on the ground',
        fixed: 'Young people should have their feet firmly planted on the ground and not aim too high.',
      },
      { source: '大数据将赋能中小企业。', text: 'Big data will [endow energy] small businesses.', suggestion: 'enable', fixed: 'Big data will enable small businesses.' },
      { source: '新能源汽车是一条热门赛道。', text: 'New energy vehicles are a hot [race track].', suggestion: 'sector', fixed: 'New energy vehicles are a hot sector.' },
    ],
    pass: [
      { source: '年轻人要脚踏实地。', text: 'Young people should keep their feet on the ground.' },
      { source: '年轻人要脚踏实地。', text: 'Young people should be practical and work hard.' },
      { source: '我们要为中小企业赋能。', text: 'We will help small businesses grow.' },
      { source: '新能源汽车是一条热门赛道。', text: 'New energy vehicles are a booming sector.' },
    ],
  },
  prepare() {
    idiomLexicon();
  },
  run({ text, tokens, source }) {
    if (!source || !/\S/.test(text)) return [];
    const expressions = expressionsIn(source);
    if (expressions.length === 0) return [];
    const words: Token[] = [];
    const keys: string[] = [];
    for (const t of tokens) {
      if (t.kind !== 'word') continue;
      words.push(t);
      keys.push(lemmaKey(t.norm));
    }
    const findings: Finding[] = [];
    for (const entry of expressions) {
      const hit = literalWindow(entry, keys);
      if (!hit) continue;
      const start = words[hit.first].start;
      const end = words[hit.last].end;
      const explanation =
        `The source has the ${entry.kind === 'idiom' ? 'idiom' : 'expression'} ${entry.term}, which means ` +
        `"${entry.meaning}". "${text.slice(start, end)}" renders its characters one by one; translate the meaning instead.`;
      findings.push(literalTranslation(text, start, end, entry.term, explanation, entry.suggestions));
    }
    return findings;
  },
};

/** The idioms and jargon of a source: the same for every translation of the segment. */
const expressionsIn = rememberRecent(findExpressions);

interface Hit {
  first: number;
  last: number;
}

/**
 * The tightest run of target words, at most WINDOW long, with literal words of at least two
 * different characters (and two different words). Prefers runs covering more characters.
 */
function literalWindow(entry: IdiomEntry, keys: string[]): Hit | undefined {
  const hits: { at: number; key: string; chars: Set<number> }[] = [];
  if (entry.unless.size > 0 && keys.some((key) => entry.unless.has(key))) return undefined;
  keys.forEach((key, at) => {
    const chars = entry.literal.get(key);
    if (chars) hits.push({ at, key, chars });
  });
  if (hits.length < 2) return undefined;
  let best: (Hit & { covered: number }) | undefined;
  for (let i = 0; i < hits.length; i++) {
    const covered = new Set<number>();
    const keys = new Set<string>();
    for (let j = i; j < hits.length && hits[j].at - hits[i].at < WINDOW; j++) {
      keys.add(hits[j].key);
      for (const c of hits[j].chars) covered.add(c);
      if (keys.size < 2 || !coversTwo(hits.slice(i, j + 1))) continue;
      if (covered.size < 3 && hits[j].at - hits[i].at >= PAIR_WINDOW) continue;
      const candidate = { first: hits[i].at, last: hits[j].at, covered: covered.size };
      if (!best || candidate.covered > best.covered || (candidate.covered === best.covered && candidate.last - candidate.first < best.last - best.first)) {
        best = candidate;
      }
    }
  }
  return best;
}

/** Whether two different words of the run render two different characters. */
function coversTwo(hits: { key: string; chars: Set<number> }[]): boolean {
  for (let a = 0; a < hits.length; a++) {
    for (let b = a + 1; b < hits.length; b++) {
      if (hits[a].key === hits[b].key) continue;
      for (const x of hits[a].chars) for (const y of hits[b].chars) if (x !== y) return true;
    }
  }
  return false;
}

/** The finding of this check: the words at start…end render `term` of the source literally. */
export function literalTranslation(text: string, start: number, end: number, term: string, explanation: string, suggestions: readonly string[]): Finding {
  return {
    ruleId: 'source-idiom',
    category: 'accuracy/mistranslation',
    severity: 'major',
    start,
    end,
    text: text.slice(start, end),
    message: `Likely literal translation of ${term}`,
    explanation,
    suggestions: suggestions.slice(0, 3),
  };
}
