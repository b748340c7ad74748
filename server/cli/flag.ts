import { loadConfig } from '../config';
import { defaultFlagger } from '../checks/engine';
import { flagText } from '../checks/flag-text';
import { UsageError, type Parsed } from './args';
import { readText } from './read-text';

export function flagCommand({ positional, flags }: Parsed): void {
  const file = positional[0];
  if (!file) throw new UsageError('flag needs a FILE');
  const format = flags.get('format') ?? 'text';
  if (format !== 'json' && format !== 'text') throw new UsageError('--format is json or text');
  const config = loadConfig();
  const text = readText(file);
  const findings = flagText(defaultFlagger(config), text, {
    source: flags.has('source') ? readText(flags.get('source')!) : undefined,
    sourceLang: flags.get('source-lang') ?? 'zh',
    targetLang: flags.get('target-lang') ?? 'en',
  });
  if (format === 'json') {
    process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
    return;
  }
  for (const f of findings) {
    const { line, column } = position(text, f.start);
    const fix = f.suggestions.length ? ` → ${f.suggestions.slice(0, 3).join(' | ')}` : '';
    process.stdout.write(`${file}:${line}:${column}  ${f.severity.padEnd(8)} ${f.ruleId}  "${f.text}": ${f.message}${fix}\n`);
  }
  process.stderr.write(`${findings.length} finding${findings.length === 1 ? '' : 's'}\n`);
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
