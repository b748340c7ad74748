import { loadConfig } from '../config';
import { defaultFlagger } from '../checks/engine';
import { flagText } from '../checks/flag-text';
import { UsageError, type Parsed } from './args';
import { readText } from './read-text';
import type { Finding } from '../checks/types';

/** Flags a file; with --llm the second reader's findings are added (a promise of the exit code). */
export function flagCommand({ positional, flags, switches }: Parsed): void | Promise<number> {
  const file = positional[0];
  if (!file) throw new UsageError('flag needs a FILE');
  const format = flags.get('format') ?? 'text';
  if (format !== 'json' && format !== 'text') throw new UsageError('--format is json or text');
  const config = loadConfig();
  const text = readText(file);
  const options = {
    source: flags.has('source') ? readText(flags.get('source')!) : undefined,
    sourceLang: flags.get('source-lang') ?? 'zh',
    targetLang: flags.get('target-lang') ?? 'en',
  };
  const findings = flagText(defaultFlagger(config), text, options);
  if (!switches.has('llm')) return printFindings(file, text, findings, format);
  // Loaded only when asked for: plain flagging never touches the network code.
  const { withSecondReader } = require('../llm/flag-cli') as typeof import('../llm/flag-cli');
  return withSecondReader(config.llm, text, findings, options).then((all) => {
    printFindings(file, text, all, format);
    return 0;
  });
}

function printFindings(file: string, text: string, findings: Finding[], format: string): void {
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
