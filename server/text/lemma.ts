/**
 * A light English stemmer for matching dictionary glosses against running text: folds plurals,
 * -ed, -ing, a final e and doubled consonants, plus the common irregular forms, so that
 * "feet"/"foot", "stepped"/"step" and "loving"/"love" meet on one key. Keys are not words.
 */
export function lemmaKey(word: string): string {
  let key = keys.get(word);
  if (key === undefined) {
    key = computeLemmaKey(word);
    if (keys.size >= MAX_CACHED_KEYS) keys.clear();
    keys.set(word, key);
  }
  return key;
}

// Running text repeats its words: the keys are memoised, within a bound.
const MAX_CACHED_KEYS = 100_000;
const keys = new Map<string, string>();

function computeLemmaKey(word: string): string {
  let w = word.toLowerCase().replace(/’/g, "'").replace(/'s$/, '');
  const irregular = IRREGULAR.get(w);
  if (irregular) w = irregular;
  else if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 4 && w.endsWith('ied')) w = w.slice(0, -3) + 'y';
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|ff|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

const IRREGULAR = new Map<string, string>(
  Object.entries({
    feet: 'foot', teeth: 'tooth', geese: 'goose', mice: 'mouse', men: 'man', women: 'woman',
    children: 'child', people: 'person', oxen: 'ox', leaves: 'leaf', lives: 'life', wives: 'wife',
    knives: 'knife', wolves: 'wolf', halves: 'half', selves: 'self', thieves: 'thief', fishes: 'fish',
    went: 'go', gone: 'go', saw: 'see', seen: 'see', ran: 'run', ate: 'eat', eaten: 'eat',
    flew: 'fly', flown: 'fly', fell: 'fall', fallen: 'fall', took: 'take', taken: 'take',
    broke: 'break', broken: 'break', drew: 'draw', drawn: 'draw', grew: 'grow', grown: 'grow',
    came: 'come', gave: 'give', given: 'give', held: 'hold', stood: 'stand', sat: 'sit',
    rode: 'ride', ridden: 'ride', drank: 'drink', drunk: 'drink', sang: 'sing', sung: 'sing',
    swam: 'swim', struck: 'strike', found: 'find', lost: 'lose', made: 'make', told: 'tell',
    thought: 'think', caught: 'catch', brought: 'bring', bought: 'buy', fought: 'fight',
    sought: 'seek', taught: 'teach', wrote: 'write', written: 'write', spoke: 'speak',
    spoken: 'speak', rose: 'rise', risen: 'rise', hid: 'hide', hidden: 'hide', shook: 'shake',
    shaken: 'shake', led: 'lead', fed: 'feed', fled: 'flee', met: 'meet', kept: 'keep',
    slept: 'sleep', wept: 'weep', built: 'build', sent: 'send', spent: 'spend', bent: 'bend',
    dug: 'dig', hung: 'hang', shot: 'shoot', lit: 'light', sank: 'sink', sunk: 'sink',
    sunken: 'sink', trod: 'tread', trodden: 'tread', blew: 'blow', blown: 'blow', threw: 'throw',
    thrown: 'throw', knew: 'know', known: 'know', wore: 'wear', worn: 'wear', tore: 'tear',
    torn: 'tear', bore: 'bear', born: 'bear', borne: 'bear', swore: 'swear', stole: 'steal',
    stolen: 'steal', froze: 'freeze', frozen: 'freeze', chose: 'choose', chosen: 'choose',
    bit: 'bite', bitten: 'bite', drove: 'drive', driven: 'drive', rang: 'ring', rung: 'ring',
    sprang: 'spring', sprung: 'spring', began: 'begin', begun: 'begin', won: 'win', heard: 'hear',
    closed: 'close', closing: 'close', is: 'be', are: 'be', was: 'be', were: 'be', been: 'be',
    has: 'have', had: 'have', does: 'do', did: 'do', done: 'do',
  }),
);
