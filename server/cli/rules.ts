import { loadConfig } from '../config';
import { defaultFlagger } from '../checks/engine';
import { UsageError, type Parsed } from './args';

export function rulesCommand({ flags }: Parsed): void {
  const format = flags.get('format') ?? 'text';
  if (format !== 'json' && format !== 'text') throw new UsageError('--format is json or text');
  const rules = defaultFlagger(loadConfig()).rules;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return;
  }
  for (const r of rules) process.stdout.write(`${r.id.padEnd(40)} ${r.family.padEnd(20)} ${r.severity.padEnd(8)} ${r.name}\n`);
  process.stderr.write(`${rules.length} rules\n`);
}
