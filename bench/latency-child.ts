/**
 * The latency benchmark, run by bench/run.ts in a child process of its own. Its figures are times
 * this process measures, so its own garbage collection counts in them: in the runner, after the
 * flagging benchmark had left 180 MB alive there, reading the 200,000 rows made the runner's
 * collector mark those 180 MB every third of a second, and a ping's worst time doubled. A client
 * of the server is a process of its own too.
 *
 *   node dist/bench/latency-child.js DIR SCALE
 *
 * Prints one line of JSON: {rows, info}.
 */
import { benchLatency } from './latency';
import type { Row } from './row';

async function main(): Promise<void> {
  const [dir, scale] = process.argv.slice(2);
  const rows: Row[] = [];
  const info = await benchLatency(__dirname, dir, Number(scale), (row) => rows.push(row));
  process.stdout.write(`${JSON.stringify({ rows, info })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
