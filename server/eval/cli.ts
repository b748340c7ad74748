import fs from 'node:fs';
import path from 'node:path';
import { defaultFlagger, type Flagger } from '../checks/engine';
import { flagText } from '../checks/flag-text';
import { countWords } from '../text/tokens';
import { PROJECT_ROOT } from '../paths';
import { score, type Scored, type Scores, type Span } from './score';
import { printRealMt, scoreRealMt, type Split } from './realmt';
import { parseArgs } from 'node:util';

/**
 * npm run eval [-- MQM.jsonl [--no-refs] [--pred OUT.json] [--false-positives N]]
 * Prints precision and recall of the flagger on the project's dev set, false alarms on clean
 * English, and, given a path, on MQM-annotated data (format of ../shared/eval/README.md).
 */
interface DevLine { id: string; source: string; target: string; spans: Span[] }
interface MqmLine { key: string; is_ref: boolean; source: string; target: string; errors: (Span & { side?: string; category: string })[] }

const FIXTURES = path.join(PROJECT_ROOT, 'tests', 'fixtures');
const readJsonl = <T>(file: string): T[] => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const pct = (x: number) => x.toFixed(3);

function printScores(name: string, s: Scores): void {
  console.log(`${name}: ${s.segments} segments, ${s.predictedSpans} findings, ${s.goldSpans} annotated spans`);
  console.log(`  span precision ${pct(s.spanPrecision)}  span recall ${pct(s.spanRecall)}  char precision ${pct(s.charPrecision)}  char recall ${pct(s.charRecall)}`);
}

export function evalDevSet(flagger: Flagger, file = path.join(FIXTURES, 'devset.jsonl')): Scores {
  const items: Scored[] = readJsonl<DevLine>(file).map((line) => ({
    predicted: flagger.flag({ text: line.target, source: line.source || undefined }),
    gold: line.spans,
  }));
  return score(items);
}

export function falseAlarms(flagger: Flagger, file = path.join(FIXTURES, 'clean-english.txt')) {
  const text = fs.readFileSync(file, 'utf8');
  const findings = flagText(flagger, text);
  const words = countWords(text);
  return { words, findings, perThousandWords: (1000 * findings.length) / words };
}

function evalMqm(flagger: Flagger, file: string, noRefs: boolean, predFile?: string, showFalsePositives = 0): void {
  const lines = readJsonl<MqmLine>(file).filter((l) => !(noRefs && l.is_ref));
  const items: Scored[] = [];
  const fluency: Scored[] = [];
  const pred: { key: string; start: number; end: number }[] = [];
  const falsePositives: string[] = [];
  for (const line of lines) {
    const findings = flagger.flag({ text: line.target, source: line.source });
    const gold = line.errors.filter((e) => e.side !== 'source' && e.end > e.start);
    items.push({ predicted: findings, gold });
    fluency.push({ predicted: findings, gold: gold.filter((e) => /^(Fluency|Style)/.test(e.category)) });
    for (const f of findings) {
      pred.push({ key: line.key, start: f.start, end: f.end });
      if (!gold.some((g) => f.start < g.end && g.start < f.end)) falsePositives.push(`${f.ruleId}\t${f.text}\t${line.target}`);
    }
  }
  printScores(`MQM ${path.basename(file)}${noRefs ? ' (MT only)' : ''}`, score(items));
  printScores('  fluency/style errors only', score(fluency));
  const byRule = new Map<string, { hits: number; good: number }>();
  items.forEach((item) => item.predicted.forEach((f) => {
    const id = (f as { ruleId?: string }).ruleId ?? '?';
    const r = byRule.get(id) ?? { hits: 0, good: 0 };
    r.hits++;
    if (item.gold.some((g) => f.start < g.end && g.start < f.end)) r.good++;
    byRule.set(id, r);
  }));
  console.log('  findings by rule (hits, inside an annotated error):');
  for (const [id, r] of [...byRule].sort((a, b) => b[1].hits - a[1].hits).slice(0, 25)) console.log(`    ${id.padEnd(40)} ${String(r.hits).padStart(5)} ${String(r.good).padStart(5)}`);
  if (predFile) {
    fs.writeFileSync(predFile, JSON.stringify(pred));
    console.log(`  wrote ${pred.length} predictions to ${predFile}`);
  }
  if (showFalsePositives) console.log(falsePositives.slice(0, showFalsePositives).join('\n'));
}

const USAGE = `Usage: npm run eval -- [MQM.jsonl] [options]

Prints precision and recall of the flagger on the project's dev set and its false alarms on clean
English; with a folder of real machine translation (../shared/eval/realmt format), its recall and
false alarms there; with an MQM file, span scores on it.

Options:
  --realmt DIR          score a folder of real MT with gold phrases (may be repeated)
  --split dev|held-out|all
                        which half of the real-MT folder to score (default: both halves, then all)
  --verbose             list every missed phrase and every false alarm on real MT
  --llm                 score the second reader (the LLM at CALQUE_LLM_BASE_URL) on the real-MT
                        folder's split (default dev), alone and together with the rules
  --no-refs             MQM: leave out the human reference translations
  --pred FILE           MQM: write the predicted spans to FILE
  --false-positives N   MQM: print N findings outside annotated errors
  --help                print this help`;

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      realmt: { type: 'string', multiple: true },
      split: { type: 'string' },
      verbose: { type: 'boolean' },
      llm: { type: 'boolean' },
      'no-refs': { type: 'boolean' },
      pred: { type: 'string' },
      'false-positives': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const split = values.split;
  if (split !== undefined && !['dev', 'held-out', 'all'].includes(split)) throw new Error(`--split takes dev, held-out or all, not "${split}"`);
  const flagger = defaultFlagger().prepare();
  if (values.llm) {
    evalSecondReader(flagger, values.realmt ?? [], (split as Split | undefined) ?? 'dev', values.verbose ?? false);
    return;
  }
  const families = new Map<string, number>();
  for (const r of flagger.rules) families.set(r.family, (families.get(r.family) ?? 0) + 1);
  console.log(`Rules: ${flagger.rules.length} (${[...families].map(([f, n]) => `${f} ${n}`).join(', ')})`);
  if (values.realmt?.length) {
    for (const dir of values.realmt) {
      for (const half of split ? [split as Split] : (['dev', 'held-out', 'all'] as const)) printRealMt(scoreRealMt(flagger, dir, half), values.verbose ?? false);
    }
    if (positionals.length === 0) return;
  }
  printScores('Dev set tests/fixtures/devset.jsonl', evalDevSet(flagger));
  const clean = falseAlarms(flagger);
  console.log(`Clean English tests/fixtures/clean-english.txt: ${clean.findings.length} findings in ${clean.words} words = ${clean.perThousandWords.toFixed(2)} per 1,000 words`);
  for (const f of clean.findings) console.log(`  ${f.ruleId}: "${f.text}"`);
  const file = positionals[0];
  if (file) evalMqm(flagger, file, values['no-refs'] ?? false, values.pred, Number(values['false-positives'] ?? 0));
}

/** npm run eval -- --llm --realmt DIR [--split dev]: asynchronous, sets the exit code. */
function evalSecondReader(flagger: Flagger, dirs: string[], split: Split, verbose: boolean): void {
  // Loaded only for --llm: the rest of the evaluation never touches the network code.
  const { loadLlmConfig } = require('../llm/config') as typeof import('../llm/config');
  const { scoreSecondReader } = require('./llm') as typeof import('./llm');
  const config = loadLlmConfig();
  if (!config) throw new Error('--llm needs an endpoint: set CALQUE_LLM_BASE_URL (and CALQUE_LLM_MODEL)');
  if (dirs.length === 0) throw new Error('--llm needs a folder of real MT: --realmt DIR');
  (async () => {
    for (const dir of dirs) {
      const s = await scoreSecondReader(config, flagger, dir, split);
      console.log(`Second reader ${config.model} at ${config.baseUrl}: ${s.sentences} sentences, ${s.failed} without an answer, ${s.dropped} errors left out (words not in the text)`);
      if (s.firstFailure) console.log(`  first failure: ${s.firstFailure}`);
      console.log('The second reader alone:');
      printRealMt(s.alone, verbose);
      console.log('The rules and the second reader together:');
      printRealMt(s.combined, false);
    }
  })().catch((err: unknown) => {
    console.error(`calque eval: ${(err as Error).message}`);
    process.exitCode = 1;
  });
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`calque eval: ${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}
