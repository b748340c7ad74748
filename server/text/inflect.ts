import { wordTable } from './word-table';
import { spellingVariants } from './spelling-variants';
import { prefixedPastForms } from './conjugate';

/**
 * English inflection for phrase patterns: a pattern word "empower" should match "empowers",
 * "empowered" and "empowering" in text. We generate the forms of the pattern word once, at
 * compile time, instead of lemmatising every token of every sentence at run time.
 * Over-generation ("landed" from "land" is right, "lands" as a noun too) is harmless: the
 * forms are only ever compared with words the text actually contains.
 */
const IRREGULAR: Record<string, string[]> = wordTable({
  be: ['am', 'is', 'are', 'was', 'were', 'been', 'being'],
  have: ['has', 'had', 'having'],
  do: ['does', 'did', 'done', 'doing'],
  go: ['goes', 'went', 'gone', 'going'],
  make: ['made'], take: ['took', 'taken'], give: ['gave', 'given'], get: ['got', 'gotten'],
  bring: ['brought'], hold: ['held'], break: ['broke', 'broken'], run: ['ran'],
  write: ['wrote', 'written'], build: ['built'], lead: ['led'], win: ['won'], set: ['set'],
  put: ['put'], hit: ['hit'], grow: ['grew', 'grown'], speak: ['spoke', 'spoken'],
  eat: ['ate', 'eaten'], fall: ['fell', 'fallen'], rise: ['rose', 'risen'],
  drive: ['drove', 'driven'], sell: ['sold'], tell: ['told'], seek: ['sought'],
  catch: ['caught'], think: ['thought'], buy: ['bought'], fight: ['fought'], teach: ['taught'],
  feel: ['felt'], keep: ['kept'], leave: ['left'], meet: ['met'], pay: ['paid'], say: ['said'],
  lay: ['laid'], stand: ['stood'], understand: ['understood'], become: ['became'],
  come: ['came'], begin: ['began', 'begun'], see: ['saw', 'seen'], know: ['knew', 'known'],
  show: ['shown'], draw: ['drew', 'drawn'], fly: ['flew', 'flown'], throw: ['threw', 'thrown'],
  blow: ['blew', 'blown'], choose: ['chose', 'chosen'], forget: ['forgot', 'forgotten'],
  ride: ['rode', 'ridden'], shake: ['shook', 'shaken'], strike: ['struck'], stick: ['stuck'],
  swim: ['swam', 'swum'], wear: ['wore', 'worn'], tear: ['tore', 'torn'], find: ['found'],
  lose: ['lost'], send: ['sent'], spend: ['spent'], bend: ['bent'], lend: ['lent'],
  sleep: ['slept'], sweep: ['swept'], dig: ['dug'], hang: ['hung'], light: ['lit'],
  shoot: ['shot'], sit: ['sat'], cut: ['cut'], let: ['let'], shut: ['shut'], spread: ['spread'],
  burst: ['burst'], cost: ['cost'], hurt: ['hurt'], quit: ['quit'], read: ['read'],
  foot: ['feet'], man: ['men'], woman: ['women'], child: ['children'], person: ['people'],
  tooth: ['teeth'], mouse: ['mice'], goose: ['geese'], leaf: ['leaves'], life: ['lives'],
  knife: ['knives'], half: ['halves'], wife: ['wives'], shelf: ['shelves'], wolf: ['wolves'],
  good: ['better', 'best'], bad: ['worse', 'worst'], many: ['more', 'most'], much: ['more', 'most'],
});

const VOWEL = /[aeiou]/;

// Function words are never inflected: "the" must not match "thing", nor "us" match "used".
const UNINFLECTED = new Set(['a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'as', 'it', 'its', 'and',
  'or', 'but', 'not', 'no', 'so', 'if', 'this', 'that', 'these', 'those', 'he', 'she', 'we', 'they', 'you', 'i', 'me', 'him',
  'her', 'us', 'them', 'our', 'your', 'their', 'my', 'his', 'all', 'any', 'each', 'from', 'into', 'than', 'then', 'there',
  'here', 'up', 'out', 'off', 'over', 'under', 'about', 'very', 'more', 'most', 'such', 'own', 'one']);

/** One vowel group, not counting a final silent e: high, deep, big, wide, strong. */
function oneSyllable(w: string): boolean {
  const groups = w.replace(/e$/, '').match(/[aeiouy]+/g);
  return groups !== null && groups.length === 1 && !TRACK_LIKE.has(w);
}

// One-syllable nouns and verbs whose -er form is another word.
const TRACK_LIKE = new Set(['track', 'land', 'hold', 'lead', 'back', 'start', 'work', 'play', 'help', 'bank', 'trade', 'farm', 'print', 'scan', 'game', 'shop', 'stream', 'host', 'ground', 'head', 'foot', 'hand', 'speak', 'build', 'buy', 'sell', 'own', 'use', 'make', 'take', 'drive', 'ride', 'write', 'read', 'teach', 'rule', 'mine', 'plant', 'brand']);

export function inflections(word: string): string[] {
  const w = word.toLowerCase();
  if (UNINFLECTED.has(w)) return [w];
  const forms = new Set<string>([w]);
  for (const f of IRREGULAR[w] ?? []) forms.add(f);
  // repay: repaid, withhold: withheld, rebuild: rebuilt (the regular forms below are harmless extras).
  for (const f of prefixedPastForms(w)) forms.add(f);
  if (!/^[a-z]+$/.test(w) || w.length < 2) return [...forms];

  const last = w[w.length - 1];
  const stem = w.slice(0, -1);
  if (/(s|x|z|ch|sh)$/.test(w)) {
    forms.add(w + 'es');
    forms.add(w + 'ed');
    forms.add(w + 'ing');
  } else if (last === 'y' && !VOWEL.test(w[w.length - 2])) {
    forms.add(stem + 'ies');
    forms.add(stem + 'ied');
    forms.add(w + 'ing');
    if (w.length <= 6) {
      forms.add(stem + 'ier');
      forms.add(stem + 'iest');
    }
  } else if (last === 'e') {
    forms.add(w + 's');
    forms.add(w + 'd');
    if (oneSyllable(w)) {
      forms.add(w + 'r');
      forms.add(w + 'st');
    }
    forms.add(w.endsWith('ie') ? w.slice(0, -2) + 'ying' : w.endsWith('ee') || w.endsWith('ye') || w.endsWith('oe') ? w + 'ing' : stem + 'ing');
  } else {
    forms.add(w + 's');
    forms.add(w + 'ed');
    forms.add(w + 'ing');
    // Comparatives in -er/-est are for words of one syllable (high, deep): "tracker" is not a form of "track".
    const comparable = oneSyllable(w);
    if (comparable) {
      forms.add(w + 'er');
      forms.add(w + 'est');
    }
    // Consonant-vowel-consonant endings double: plan -> planned, drop -> dropping.
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(w)) {
      forms.add(w + last + 'ed');
      forms.add(w + last + 'ing');
      if (comparable) forms.add(w + last + 'er');
    }
  }
  // A pattern written in British spelling matches American text, and the other way round.
  for (const form of [...forms]) for (const variant of spellingVariants(form)) forms.add(variant);
  return [...forms];
}
