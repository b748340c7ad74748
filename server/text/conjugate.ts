import { wordTable } from './word-table';

/**
 * Word forms for suggestions: a suggestion written "help~1" takes the form of the word that
 * pattern element 1 matched, so "empowers small firms" becomes "helps small firms" and "short
 * boards" becomes "weak spots". Unlike inflections() (which over-generates, harmlessly, to match
 * text), these functions must give exactly one right form.
 */

/** base: help, spot; s: helps, spots; past: helped, took; participle: helped, taken; ing: helping. */
export type WordForm = 'base' | 's' | 'past' | 'participle' | 'ing';
/** A form found in text; 'ed' is a past or a participle ("landed", "made"): the words before it tell which. */
export type FoundForm = WordForm | 'ed';

/** Irregular verbs: past, participle. */
const IRREGULAR: Record<string, [string, string]> = wordTable({
  be: ['was', 'been'], have: ['had', 'had'], do: ['did', 'done'], go: ['went', 'gone'], make: ['made', 'made'],
  take: ['took', 'taken'], give: ['gave', 'given'], get: ['got', 'got'], bring: ['brought', 'brought'],
  hold: ['held', 'held'], break: ['broke', 'broken'], run: ['ran', 'run'], write: ['wrote', 'written'],
  build: ['built', 'built'], rebuild: ['rebuilt', 'rebuilt'], lead: ['led', 'led'], mislead: ['misled', 'misled'],
  win: ['won', 'won'], set: ['set', 'set'], put: ['put', 'put'], hit: ['hit', 'hit'], grow: ['grew', 'grown'],
  speak: ['spoke', 'spoken'], eat: ['ate', 'eaten'], fall: ['fell', 'fallen'], rise: ['rose', 'risen'],
  arise: ['arose', 'arisen'], drive: ['drove', 'driven'], sell: ['sold', 'sold'], tell: ['told', 'told'],
  seek: ['sought', 'sought'], catch: ['caught', 'caught'], think: ['thought', 'thought'], buy: ['bought', 'bought'],
  fight: ['fought', 'fought'], teach: ['taught', 'taught'], feel: ['felt', 'felt'], keep: ['kept', 'kept'],
  leave: ['left', 'left'], meet: ['met', 'met'], pay: ['paid', 'paid'], say: ['said', 'said'], lay: ['laid', 'laid'],
  stand: ['stood', 'stood'], understand: ['understood', 'understood'], become: ['became', 'become'],
  come: ['came', 'come'], overcome: ['overcame', 'overcome'], begin: ['began', 'begun'], see: ['saw', 'seen'],
  oversee: ['oversaw', 'overseen'], foresee: ['foresaw', 'foreseen'], know: ['knew', 'known'],
  show: ['showed', 'shown'], draw: ['drew', 'drawn'], withdraw: ['withdrew', 'withdrawn'], fly: ['flew', 'flown'],
  throw: ['threw', 'thrown'], blow: ['blew', 'blown'], choose: ['chose', 'chosen'], forget: ['forgot', 'forgotten'],
  ride: ['rode', 'ridden'], shake: ['shook', 'shaken'], strike: ['struck', 'struck'], stick: ['stuck', 'stuck'],
  swim: ['swam', 'swum'], wear: ['wore', 'worn'], tear: ['tore', 'torn'], find: ['found', 'found'],
  lose: ['lost', 'lost'], send: ['sent', 'sent'], spend: ['spent', 'spent'], bend: ['bent', 'bent'],
  lend: ['lent', 'lent'], sleep: ['slept', 'slept'], sweep: ['swept', 'swept'], dig: ['dug', 'dug'],
  hang: ['hung', 'hung'], light: ['lit', 'lit'], shoot: ['shot', 'shot'], sit: ['sat', 'sat'], cut: ['cut', 'cut'],
  let: ['let', 'let'], shut: ['shut', 'shut'], spread: ['spread', 'spread'], burst: ['burst', 'burst'],
  cost: ['cost', 'cost'], hurt: ['hurt', 'hurt'], quit: ['quit', 'quit'], read: ['read', 'read'],
  split: ['split', 'split'], upset: ['upset', 'upset'], undertake: ['undertook', 'undertaken'],
  overtake: ['overtook', 'overtaken'], undergo: ['underwent', 'undergone'], drink: ['drank', 'drunk'],
  sing: ['sang', 'sung'], ring: ['rang', 'rung'], spring: ['sprang', 'sprung'], sink: ['sank', 'sunk'],
  shrink: ['shrank', 'shrunk'], hide: ['hid', 'hidden'], bite: ['bit', 'bitten'], beat: ['beat', 'beaten'],
  forbid: ['forbade', 'forbidden'], freeze: ['froze', 'frozen'], steal: ['stole', 'stolen'], wake: ['woke', 'woken'],
  bear: ['bore', 'borne'], feed: ['fed', 'fed'], flee: ['fled', 'fled'], breed: ['bred', 'bred'],
  deal: ['dealt', 'dealt'], mean: ['meant', 'meant'], bind: ['bound', 'bound'], wind: ['wound', 'wound'],
  slide: ['slid', 'slid'], redo: ['redid', 'redone'], outdo: ['outdid', 'outdone'], undo: ['undid', 'undone'],
  override: ['overrode', 'overridden'], forecast: ['forecast', 'forecast'], broadcast: ['broadcast', 'broadcast'],
  stride: ['strode', 'stridden'], shed: ['shed', 'shed'], swing: ['swung', 'swung'], weave: ['wove', 'woven'],
  speed: ['sped', 'sped'], bet: ['bet', 'bet'], hear: ['heard', 'heard'], grind: ['ground', 'ground'],
  spin: ['spun', 'spun'], swear: ['swore', 'sworn'], tread: ['trod', 'trodden'], cling: ['clung', 'clung'],
  fling: ['flung', 'flung'], sting: ['stung', 'stung'], creep: ['crept', 'crept'], shine: ['shone', 'shone'],
  strive: ['strove', 'striven'], forgive: ['forgave', 'forgiven'], forsake: ['forsook', 'forsaken'],
});

const THIRD_PERSON: Record<string, string> = wordTable({ be: 'is', have: 'has', do: 'does', go: 'goes', undergo: 'undergoes', redo: 'redoes', outdo: 'outdoes', undo: 'undoes' });

/** Irregular plurals of nouns a suggestion may use. */
const PLURAL: Record<string, string> = wordTable({ person: 'people', child: 'children', man: 'men', woman: 'women', foot: 'feet', life: 'lives', half: 'halves',
  goose: 'geese', ox: 'oxen', mouse: 'mice', tooth: 'teeth', wolf: 'wolves', knife: 'knives', leaf: 'leaves', shelf: 'shelves' });
/** "-man" words whose plural is "-mans". */
const MANS = new Set(['human', 'german', 'roman', 'shaman', 'talisman', 'ottoman', 'caiman']);

/** The plural of a noun that does not take "-s": "geese", "craftsmen"; undefined for the others. */
function irregularPlural(w: string): string | undefined {
  return PLURAL[w] ?? (w.length > 3 && w.endsWith('man') && !MANS.has(w) ? w.slice(0, -3) + 'men' : undefined);
}

/** Irregular forms in text, by the form they are. */
const IRREGULAR_FORMS = new Map<string, { base: string; form: FoundForm }>();
for (const [base, [past, participle]] of Object.entries(IRREGULAR)) {
  IRREGULAR_FORMS.set(past, { base, form: past === participle ? 'ed' : 'past' });
  if (participle !== past) IRREGULAR_FORMS.set(participle, { base, form: 'participle' });
}
for (const [base, s] of Object.entries(THIRD_PERSON)) IRREGULAR_FORMS.set(s, { base, form: 's' });
for (const [base, plural] of Object.entries(PLURAL)) IRREGULAR_FORMS.set(plural, { base, form: 's' });
for (const base of ['am', 'are', 'is']) IRREGULAR_FORMS.set(base, { base: 'be', form: base === 'is' ? 's' : 'base' });
IRREGULAR_FORMS.set('were', { base: 'be', form: 'past' });

// Verbs of more than one syllable that double their last consonant (stress on the last syllable).
const DOUBLING = new Set(['refer', 'prefer', 'transfer', 'confer', 'defer', 'infer', 'occur', 'recur', 'incur', 'commit',
  'admit', 'permit', 'submit', 'omit', 'emit', 'transmit', 'control', 'patrol', 'compel', 'propel', 'expel', 'excel',
  'regret', 'equip', 'upset', 'abet', 'rebut', 'acquit', 'outrun', 'unplug', 'kidnap', 'worship', 'leapfrog']);

function doublesLast(w: string): boolean {
  if (DOUBLING.has(w)) return true;
  // One syllable ending consonant-vowel-consonant: stop, plan, ship (but not fix, stay, show).
  return /^[^aeiou]*[aeiou][bdgklmnprtvz]$/.test(w) && !/^[^aeiou]*(?:qu)?[aeiou][wxy]$/.test(w);
}

const PREFIXES = ['over', 'under', 'out', 'mis', 'with', 'fore', 'up', 're', 'un', 'be'];

/** The prefix of an irregular verb that keeps the verb's forms (overdo, undergo, repay, withhold), if any. */
function irregularPrefix(w: string): string | undefined {
  return PREFIXES.find((p) => w.startsWith(p) && w.length > p.length + 1 && !IRREGULAR[w] && (IRREGULAR[w.slice(p.length)] || THIRD_PERSON[w.slice(p.length)]));
}

/** The past and participle of a prefixed irregular verb (repay: repaid; withhold: withheld); none for other words. */
export function prefixedPastForms(word: string): string[] {
  const w = word.toLowerCase();
  // Some are listed whole (rebuild, withdraw, undertake); the others are the prefix and the verb.
  const listed = PREFIXES.some((p) => w.startsWith(p) && w.length > p.length + 1) ? IRREGULAR[w] : undefined;
  if (listed) return [...new Set(listed)];
  const prefix = irregularPrefix(w);
  const forms = prefix ? IRREGULAR[w.slice(prefix.length)] : undefined;
  return forms ? [...new Set(forms.map((f) => prefix + f))] : [];
}

/** The word in the given form: ("help", "s") → "helps"; ("take", "participle") → "taken". */
export function conjugate(word: string, form: WordForm): string {
  if (form === 'base' || !/^[A-Za-z]+$/.test(word)) return word;
  const w = word.toLowerCase();
  // overdo, undergo, mistake: a prefix on an irregular verb keeps its forms.
  const prefix = irregularPrefix(w);
  if (prefix) return word.slice(0, prefix.length) + conjugate(word.slice(prefix.length), form);
  let out: string;
  switch (form) {
    case 's':
      out = THIRD_PERSON[w] ?? irregularPlural(w) ?? (/(s|x|z|ch|sh)$/.test(w) ? w + 'es' : /[^aeiou]y$/.test(w) ? w.slice(0, -1) + 'ies' : w + 's');
      break;
    case 'past':
    case 'participle': {
      const irregular = IRREGULAR[w];
      if (irregular) out = irregular[form === 'past' ? 0 : 1];
      else if (w.endsWith('e')) out = w + 'd';
      else if (/[^aeiou]y$/.test(w)) out = w.slice(0, -1) + 'ied';
      else if (doublesLast(w)) out = w + w[w.length - 1] + 'ed';
      else out = w + 'ed';
      break;
    }
    case 'ing':
      if (w.endsWith('ie')) out = w.slice(0, -2) + 'ying';
      else if (w.endsWith('e') && !/(ee|ye|oe)$/.test(w) && w !== 'be') out = w.slice(0, -1) + 'ing';
      else if (doublesLast(w)) out = w + w[w.length - 1] + 'ing';
      else out = w + 'ing';
      break;
  }
  // An acronym keeps its capitals and takes a small ending: API → APIs, SME → SMEs.
  if (/^[A-Z]{2,}$/.test(word) && out.startsWith(w)) return word + out.slice(w.length);
  return word[0] === word[0].toUpperCase() && word[0] !== word[0].toLowerCase() ? out.charAt(0).toUpperCase() + out.slice(1) : out;
}

/** An irregular past tense ("rose", "took", "set"): for checks on suggestions written in a fixed form. */
export function isIrregularPast(word: string): boolean {
  const form = IRREGULAR_FORMS.get(word.toLowerCase())?.form;
  return form === 'past' || form === 'ed';
}

/**
 * Which form of one of `bases` (the words a pattern element was written with) a word in the
 * text is ('ed' when it may be a past or a participle: see pastOrParticiple). When no base explains
 * the word, it counts as a base form.
 */
export function formOf(word: string, bases: readonly string[]): FoundForm {
  const w = word.toLowerCase().replace(/'s$/, '');
  let best: { length: number; form: FoundForm } | undefined;
  let written = false;
  for (const base of bases) {
    const form = relation(w, base);
    if (form === 'base') written = true;
    else if (form && (!best || base.length < best.length)) best = { length: base.length, form };
  }
  if (best) return best.form;
  if (!written) return 'base';
  // A pattern may list inflected forms only ("empowered|empowering"): then the ending tells. But an
  // "-ing" word listed with its own plural or beside plain nouns is a noun ("drawing|drawings",
  // "forum|meeting"), not a verb form.
  const form = formByEnding(w);
  if (form === 'ing' && bases.some((b) => b === w + 's' || (b !== w && formByEnding(b) === 'base'))) return 'base';
  return form;
}

const NOT_INFLECTED = new Set(['thing', 'nothing', 'something', 'anything', 'everything', 'spring', 'string', 'during',
  'morning', 'evening', 'ceiling', 'wedding', 'pudding', 'hundred', 'sacred', 'naked', 'wicked', 'kindred', 'news',
  'series', 'species', 'means', 'politics', 'economics', 'physics', 'mathematics', 'ethics', 'logistics', 'statistics']);

function formByEnding(w: string): FoundForm {
  if (IRREGULAR[w]) return 'base';
  if (IRREGULAR_FORMS.has(w)) return IRREGULAR_FORMS.get(w)!.form;
  if (NOT_INFLECTED.has(w)) return 'base';
  if (w.length >= 6 && w.endsWith('ing')) return 'ing';
  if (w.length >= 5 && w.endsWith('ed') && !w.endsWith('eed')) return 'ed';
  if (w.length >= 4 && w.endsWith('s') && !/(ss|us|is|ous)$/.test(w)) return 's';
  return 'base';
}

function relation(w: string, b: string): FoundForm | undefined {
  if (w === b) return 'base';
  if (irregularPlural(b) === w) return 's';
  const irregular = IRREGULAR_FORMS.get(w);
  if (irregular && irregular.base === b) return irregular.form;
  const prefix = irregularPrefix(b);
  if (prefix && w.startsWith(prefix)) {
    const inner = IRREGULAR_FORMS.get(w.slice(prefix.length));
    if (inner && inner.base === b.slice(prefix.length)) return inner.form;
  }
  if (!w.startsWith(b.slice(0, Math.max(1, b.length - 2)))) return undefined;
  const last = b[b.length - 1];
  const stem = b.slice(0, -1);
  const consonantY = /[^aeiou]y$/.test(b);
  if (w === b + 's' || w === b + 'es' || (consonantY && w === stem + 'ies')) return 's';
  if (w === b + 'ed' || (last === 'e' && w === b + 'd') || (consonantY && w === stem + 'ied') || w === b + last + 'ed') return 'ed';
  if (w === b + 'ing' || (last === 'e' && w === stem + 'ing') || (b.endsWith('ie') && w === b.slice(0, -2) + 'ying') || w === b + last + 'ing') return 'ing';
  return undefined;
}

/** Verbs whose past and participle are the base form: "has put forward" is a participle, "to put" a base. */
export function sameAsBase(word: string): boolean {
  const irregular = IRREGULAR[word.toLowerCase()];
  return irregular !== undefined && irregular[0] === word.toLowerCase() && irregular[1] === word.toLowerCase();
}

/** Verbs whose participle alone is the base form: "has run", "has become". */
export function participleIsBase(word: string): boolean {
  const irregular = IRREGULAR[word.toLowerCase()];
  return irregular !== undefined && irregular[1] === word.toLowerCase() && irregular[0] !== word.toLowerCase();
}

/** Words that make the "ed" form after them a participle: "has landed", "was landed". */
const AUXILIARIES = new Set(['has', 'have', 'had', 'having', "'ve", 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  "'s", "'re", 'get', 'gets', 'got', 'getting', 'become', 'becomes', 'became']);
const SKIPPABLE = new Set(['already', 'not', 'never', 'just', 'also', 'still', 'yet', 'now', 'all', 'both', 'since', 'ever', 'finally',
  'always', 'often', 'once', 'even', 'only', 'long', 'first', 'almost', 'seldom', 'sometimes', 'soon']);

/** Words that may stand between a verb and its subject or auxiliary: "has already", "often", "quickly". */
const isAdverb = (w: string) => SKIPPABLE.has(w) || (w.length > 4 && w.endsWith('ly'));

/** Words after which a verb is in its base form: "to cut", "will cut", "cannot cut". */
const BASE_CONTEXT = new Set(['to', 'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', 'do', 'does',
  'did', 'cannot', "can't", "won't", "don't", "doesn't", "didn't", 'let', "let's", 'i', 'we', 'you', 'they', 'please']);

/**
 * What the words before a verb (skipping adverbs) make of its "ed" form, or of a form like "cut"
 * that is base, past and participle at once: 'participle' after an auxiliary ("has landed"),
 * 'base' after "to" or a modal ("must cut"), else 'past'.
 */
export function tenseFromContext(before: readonly string[]): 'past' | 'participle' | 'base' {
  for (let i = before.length - 1, seen = 0; i >= 0 && seen < 3; i--, seen++) {
    const w = before[i].toLowerCase();
    if (AUXILIARIES.has(w)) return 'participle';
    if (BASE_CONTEXT.has(w)) return 'base';
    if (!isAdverb(w)) return 'past';
  }
  return 'past';
}

/**
 * "be" in the form of a matched verb, agreeing with its subject, which the other verbs do not need:
 * "officials fell" gives "were", "the governor fell" "was"; "officials fall" gives "are", while
 * "to fall" and "will fall" give "be". `before`: up to three words before the matched verb.
 */
export function beForm(form: WordForm, before: readonly string[]): string {
  if (form === 's') return 'is';
  if (form === 'ing') return 'being';
  if (form === 'participle') return 'been';
  const subject = subjectBefore(before);
  if (form === 'past') return hasPluralSubject(before) ? 'were' : 'was';
  // A base form after "to", "will", "can" … is the infinitive; after a subject ("officials fall",
  // "they fall") it is the present.
  if (subject === 'i') return 'am';
  if (subject === undefined || (BASE_CONTEXT.has(subject) && !PLURAL_PRONOUNS.has(subject))) return 'be';
  // A present verb in the base form had a plural subject ("officials fall"): a singular one takes "-s".
  return 'are';
}

/** The nearest word before a verb that is not an adverb: its subject, or a word such as "to". */
function subjectBefore(before: readonly string[]): string | undefined {
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i].toLowerCase();
    if (!isAdverb(w)) return w;
  }
  return undefined;
}

/** Whether the subject before a verb (up to three words before it) is plural: "officials", "they". */
export function hasPluralSubject(before: readonly string[]): boolean {
  const subject = subjectBefore(before);
  // "competition among operators", "the price of shares": the word before the verb is not its
  // subject, and the subject is out of sight; the singular is the likelier.
  if (before.some((w) => PREPOSITIONS.has(w.toLowerCase()))) return false;
  return subject !== undefined && isPluralSubject(subject);
}

const PREPOSITIONS = new Set(['of', 'among', 'in', 'for', 'from', 'with', 'at', 'on', 'between', 'by', 'behind', 'across', 'under', 'over', 'about', 'like']);

const PLURAL_PRONOUNS = new Set(['we', 'you', 'they', 'these', 'those', 'both', 'many', 'people', 'others', 'some', 'several']);

function isPluralSubject(w: string): boolean {
  return PLURAL_PRONOUNS.has(w) || (w.length > 3 && w.endsWith('s') && !/(ss|us|is|ous)$/.test(w) && !BASE_CONTEXT.has(w));
}

/**
 * The form of a word found in a text with no pattern to say what its base is (the source-aware
 * checks flag words one by one): read from its ending, and from the words before it where an
 * ending allows two forms ("landed", "cut"). `before`: up to three words before it.
 */
export function formInContext(word: string, before: readonly string[]): WordForm {
  const w = word.toLowerCase();
  const form = formOf(w, [w]);
  if (form === 'ed') return pastOrParticiple(before);
  if (form === 'base' && sameAsBase(w)) return tenseFromContext(before);
  if (form === 'base' && participleIsBase(w)) return pastOrParticiple(before) === 'participle' ? 'participle' : 'base';
  return form;
}

/** 'participle' when the words before an "ed" form (skipping adverbs) are an auxiliary, else 'past'. */
export function pastOrParticiple(before: readonly string[]): 'past' | 'participle' {
  return tenseFromContext(before) === 'participle' ? 'participle' : 'past';
}
