/**
 * Lists the machine renderings of PETCI's idioms that may be word-for-word calques, for a
 * lexicographer to review before writing lexicon entries (data/lexicon/calques/idioms-*.yaml).
 * Its output is a worklist, not data: every rendering it keeps still needs a human decision.
 *
 *   npm run build --silent && node dist/scripts/petci-candidates.js [PETCI.json] [options]
 *
 *   --from N --to M   only records N..M (PETCI ids)
 *   --dropped         also print the renderings the pre-filter dropped, with the reason
 *   --summary         print only the counts (renderings by reason, idioms with candidates left,
 *                     idioms whose renderings a lexicon entry already flags)
 *   --wordnet DIR     treat renderings that are WordNet phrases (e.g. Debian's /usr/share/wordnet)
 *                     as ordinary English
 *
 * A rendering is dropped when it is a dictionary translation (gold or human), is very short, is
 * made only of everyday words, is an English set phrase (WordNet), or is already flagged by a
 * rule pack or lexicon entry. Renderings that share most of their content words with the gold
 * translation are marked "~gold" and those sharing them with a human one "~human", but kept: the
 * dictionary often gives the literal image itself ("kill the hen to get all its eggs"), so a
 * shared word does not show that a rendering says what the idiom means.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../server/checks/engine';
import { PhraseMatcher } from '../server/checks/phrase-matcher';
import { tokenize } from '../server/text/tokens';
import { lemmaKey } from '../server/text/lemma';

interface PetciRecord {
  id: number;
  chinese: string;
  gold: string;
  human: string[];
  machine: string[];
}

type Verdict = { keep: true; marks: string[] } | { keep: false; reason: string };

const DEFAULT_INPUT = '/work/shared/data/petci/filtered.json';

// Function words: carry no image, so they count neither for overlap nor as "distinctive".
const FUNCTION = new Set(
  ('a an the this that these those some any each every no all both of to in on at by for from with without into onto ' +
    'upon over under about above below between among through during before after against across along around behind ' +
    'beyond within and or but nor so yet as if than then because while though whether i you he she it we they me him ' +
    'her us them my your his its our their who whom whose which what where when why how there here be is are was were ' +
    "been being am have has had do does did not more most very also just only one's oneself yourself itself themselves " +
    'own up out off down away back again too').split(' '),
);

// Everyday words: a rendering made only of these is ordinary English ("come later", "on the rise").
const EVERYDAY = new Set(
  ('all one two three first last next other another new old good bad great big small little long short high low ' +
    'full empty whole half right wrong same different true real best better worse worst sure free clear easy hard ' +
    'able early late much many more most few less least lot way time times day days year years thing things something ' +
    'nothing everything anything someone everyone people person man men world life part place point end side case ' +
    'fact kind sort lot number group state country work home hand hands head face eye eyes word words mind heart ' +
    'go come get make take give keep let put set say tell see look know think want need feel try leave call find ' +
    'turn run move stand stay hold bring begin start stop show hear play live believe happen seem become remain ' +
    'change help talk use ask work meet pass lose win fall rise grow open close follow lead carry reach ' +
    'never always ever still even well far much often once twice soon now later today together alone around ' +
    'really quite rather almost enough nothing less least every own else such only just very too over out ' +
    'can could will would shall should may might must cannot').split(' '),
);

interface Options {
  input: string;
  from: number;
  to: number;
  dropped: boolean;
  summary: boolean;
  wordnet?: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { input: DEFAULT_INPUT, from: 0, to: Infinity, dropped: false, summary: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--from') opts.from = Number(argv[++i]);
    else if (a === '--to') opts.to = Number(argv[++i]);
    else if (a === '--dropped') opts.dropped = true;
    else if (a === '--summary') opts.summary = true;
    else if (a === '--wordnet') opts.wordnet = argv[++i];
    else if (!a.startsWith('--')) opts.input = a;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function words(text: string): string[] {
  return tokenize(text).filter((t) => t.kind === 'word').map((t) => t.norm);
}

function normalised(text: string): string {
  return words(text).filter((w) => !['a', 'an', 'the'].includes(w)).join(' ');
}

function contentKeys(text: string): Set<string> {
  return new Set(words(text).filter((w) => !FUNCTION.has(w)).map(lemmaKey));
}

/** Share of the rendering's content words that also occur in the other text. */
function overlap(rendering: Set<string>, other: Set<string>): number {
  if (rendering.size === 0) return 0;
  let shared = 0;
  for (const k of rendering) if (other.has(k)) shared++;
  return shared / rendering.size;
}

/** Multi-word WordNet lemmas ("flash_in_the_pan") as normalised phrases. */
function wordnetPhrases(dir: string): Set<string> {
  const phrases = new Set<string>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const file = path.join(dir, `index.${pos}`);
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'latin1').split('\n')) {
      const lemma = line.slice(0, line.indexOf(' '));
      if (lemma.includes('_')) phrases.add(normalised(lemma.replace(/_/g, ' ')));
    }
  }
  return phrases;
}

function judge(rendering: string, rec: PetciRecord, matcher: PhraseMatcher, english: Set<string>): Verdict {
  const norm = normalised(rendering);
  const dictionary = [rec.gold, ...rec.human];
  if (dictionary.some((d) => normalised(d) === norm)) return { keep: false, reason: 'dictionary' };
  const keys = contentKeys(rendering);
  const all = words(rendering);
  if (all.length < 2 || keys.size < 2) return { keep: false, reason: 'short' };
  if (all.every((w) => FUNCTION.has(w) || EVERYDAY.has(w))) return { keep: false, reason: 'everyday' };
  if (english.has(norm)) return { keep: false, reason: 'english-phrase' };
  const flagged = matcher.run(rendering, tokenize(rendering)).map((f) => f.ruleId);
  if (flagged.length > 0) return { keep: false, reason: `flagged:${[...new Set(flagged)].join(',')}` };
  const marks: string[] = [];
  if (overlap(keys, contentKeys(rec.gold)) >= 0.5) marks.push('~gold');
  if (rec.human.some((h) => overlap(keys, contentKeys(h)) >= 0.5)) marks.push('~human');
  return { keep: true, marks };
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const records = JSON.parse(fs.readFileSync(opts.input, 'utf8')) as PetciRecord[];
  const matcher = new PhraseMatcher(loadKnowledge().flatMap((f) => f.rules));
  const english = opts.wordnet ? wordnetPhrases(opts.wordnet) : new Set<string>();
  const counts = new Map<string, number>();
  const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  let idiomsWithCandidates = 0;
  let idiomsInLexicon = 0;
  for (const rec of records) {
    if (rec.id < opts.from || rec.id > opts.to) continue;
    const lines: string[] = [];
    let kept = 0;
    let inLexicon = false;
    for (const m of rec.machine) {
      const v = judge(m, rec, matcher, english);
      const lexicon = !v.keep && v.reason.startsWith('flagged:') && v.reason.includes('lx-');
      if (lexicon) inLexicon = true;
      count(v.keep ? 'kept' : v.reason.startsWith('flagged:') ? (lexicon ? 'flagged-lexicon' : 'flagged-rules') : v.reason);
      if (v.keep) {
        kept++;
        lines.push(`   + ${m}${v.marks.length ? '   [' + v.marks.join(' ') + ']' : ''}`);
      } else if (opts.dropped) lines.push(`   - ${m}   (${v.reason})`);
    }
    if (kept > 0) idiomsWithCandidates++;
    if (inLexicon) idiomsInLexicon++;
    if (!opts.summary && lines.length > 0) {
      console.log(`${rec.id} ${rec.chinese} = ${rec.gold}${rec.human.length ? ' | ' + rec.human.slice(0, 2).join(' | ') : ''}`);
      for (const l of lines) console.log(l);
    }
  }
  const summary = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`# renderings: ${summary}; idioms with a candidate left: ${idiomsWithCandidates}; idioms a lexicon entry already covers: ${idiomsInLexicon}`);
}

main();
