/**
 * Whole commands, as a user runs them: `calque flag` on a 5 MB article against write-good's own
 * command on the same file, and `calque flag` on a one-line file against a bare Node start (the
 * floor any Node command pays). Each run is a fresh process, so loading the rules, lexicon and
 * word data counts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus, mb } from './generate';
import type { Row } from './row';


const ROOT = path.join(__dirname, '..', '..');
const CALQUE = path.join(ROOT, 'bin', 'calque.js');
const WRITE_GOOD = path.join(ROOT, 'node_modules', 'write-good', 'bin', 'write-good.js');

/** Wall-clock seconds of one run. write-good exits with the number of its suggestions, so any exit status counts as done. */
function seconds(command: string, args: string[]): number {
  const t0 = performance.now();
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'ignore'], timeout: 900_000 });
  } catch (err) {
    if ((err as { status?: number | null }).status == null) throw err;
  }
  return (performance.now() - t0) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function benchCommands(tmp: string, megabytes: number, record: (row: Row) => void): Record<string, unknown> {
  let sentences = 20_000;
  let corpus = generateCorpus(sentences);
  while (mb(corpus.enText) < megabytes) {
    sentences = Math.ceil((sentences * megabytes * 1.02) / mb(corpus.enText));
    corpus = generateCorpus(sentences);
  }
  const big = path.join(tmp, 'article.txt');
  fs.writeFileSync(big, corpus.enText);
  const one = path.join(tmp, 'one-line.txt');
  fs.writeFileSync(one, 'The platform will empower small firms to seize traffic in the AI track.\n');

  console.error(`commands: calque flag and write-good on ${mb(corpus.enText).toFixed(1)} MB…`);
  seconds(process.execPath, [CALQUE, 'flag', one, '--format', 'json']); // warm the file cache and the compiled knowledge
  const calque = median([0, 1, 2].map(() => seconds(process.execPath, [CALQUE, 'flag', big, '--format', 'json'])));
  // write-good takes minutes on this much text: one run.
  const writeGood = seconds(process.execPath, [WRITE_GOOD, big]);
  record({ benchmark: 'command', metric: `calque flag ${mb(corpus.enText).toFixed(0)} MB (json)`, value: calque, unit: 's', baseline: writeGood, ratio: writeGood / calque, target: '>= 20x faster than write-good', met: writeGood / calque >= 20 });

  const oneLine = median([0, 1, 2, 3, 4].map(() => seconds(process.execPath, [CALQUE, 'flag', one, '--format', 'json'])));
  const bareNode = median([0, 1, 2, 3, 4].map(() => seconds(process.execPath, ['-e', '0'])));
  record({ benchmark: 'command', metric: 'calque flag one line', value: oneLine, unit: 's', baseline: bareNode, ratio: oneLine / bareNode, target: '< 0.5 s', met: oneLine < 0.5 });
  return { articleMB: mb(corpus.enText), articleSentences: sentences };
}
