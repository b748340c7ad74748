/**
 * Derives data/lexicon/english-words.txt, the word list of the spelling check: every all-lower-case
 * word of SCOWL's "huge" American and British lists (Debian packages wamerican-huge and
 * wbritish-huge), plus the words of the word-pair data (frequent in news, known to the speech
 * language model: "fintech" and other newer words). One word a line, sorted, so that the check can
 * search it without building an index.
 *
 *   apt-get install wamerican-huge wbritish-huge
 *   npm run build && node dist/scripts/build-wordlist.js
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/paths';
import { pairModel } from '../server/checks/naturalness/model';

const LISTS = ['/usr/share/dict/american-english-huge', '/usr/share/dict/british-english-huge'];
const words = new Set<string>();
for (const file of LISTS) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const word = line.trim().replace(/’/g, "'");
    if (/^[a-zà-öø-ÿ][a-zà-öø-ÿ'-]*$/.test(word)) words.add(word);
  }
}
const fromLists = words.size;
const scowl = new Set(words);
// Frequent words of news that SCOWL lacks, except those one edit from a SCOWL word: those are
// mostly common typos ("goverment"), which must stay flagged. Run-ons stay flagged too.
const RUN_ON = new Set(['everytime', 'eachother', 'infact', 'aswell', 'atleast', 'incase', 'inspite', 'ontop', 'alot', 'thankyou', 'eventhough', 'afterall']);
for (const word of pairModel().words) {
  if (!/^[a-z][a-z'-]*$/.test(word) || scowl.has(word) || RUN_ON.has(word) || oneEditFrom(word, scowl)) continue;
  words.add(word);
}
const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const out = path.join(PROJECT_ROOT, 'data', 'lexicon', 'english-words.txt');
fs.writeFileSync(out, sorted.join('\n') + '\n');
console.log(`wrote ${sorted.length} words (${fromLists} from SCOWL) to ${path.relative(PROJECT_ROOT, out)}`);

function oneEditFrom(word: string, known: Set<string>): boolean {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < word.length; i++) {
    if (known.has(word.slice(0, i) + word.slice(i + 1))) return true;
    if (i + 1 < word.length && known.has(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))) return true;
    for (const c of letters) if (c !== word[i] && known.has(word.slice(0, i) + c + word.slice(i + 1))) return true;
  }
  for (let i = 0; i <= word.length; i++) for (const c of letters) if (known.has(word.slice(0, i) + c + word.slice(i))) return true;
  return false;
}
