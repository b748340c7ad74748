import fs from 'node:fs';
import { loadConfig } from './config';
import { openDatabase } from './db/connection';
import { Store } from './db/store';
import { defaultFlagger } from './checks/engine';
import { flagText } from './checks/flag-text';
import { decodeText } from './formats/decode';
import { plainTextChunks } from './formats/txt';
import { importDocument, validateImport } from './review/import';
import { AppError } from './errors';
import { parseId } from './review/review';

const USAGE = `Usage:
  calque serve                                   start the workbench (same as npm start)
  calque flag FILE [--source SRCFILE] [--format json|text] [--source-lang zh] [--target-lang en]
  calque import MTFILE [--source SRCFILE] [--title TITLE] [--source-lang zh] [--target-lang en]
  calque export ID [--format txt] [--out FILE]
  calque rules [--format json|text]              list every rule and check

The database is CALQUE_DB (default data/calque.db); rule packs are read from CALQUE_RULES_DIR (default data/rules).`;

interface Parsed {
  positional: string[];
  flags: Map<string, string>;
}

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${key} needs a value`);
      flags.set(key, value);
    } else positional.push(arg);
  }
  return { positional, flags };
}

class UsageError extends Error {}

const readText = (file: string) => {
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  return decodeText(fs.readFileSync(file), file);
};

function flagCommand({ positional, flags }: Parsed): void {
  const file = positional[0];
  if (!file) throw new UsageError('flag needs a FILE');
  const config = loadConfig();
  const text = readText(file);
  const findings = flagText(defaultFlagger(config.rulesDir), text, {
    source: flags.has('source') ? readText(flags.get('source')!) : undefined,
    sourceLang: flags.get('source-lang') ?? 'zh',
    targetLang: flags.get('target-lang') ?? 'en',
  });
  const format = flags.get('format') ?? 'text';
  if (format === 'json') {
    process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
    return;
  }
  if (format !== 'text') throw new UsageError('--format is json or text');
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

function importCommand({ positional, flags }: Parsed): void {
  const file = positional[0];
  if (!file) throw new UsageError('import needs an MT FILE');
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  try {
    const store = new Store(db);
    const request = validateImport({
      title: flags.get('title') ?? file.replace(/^.*\//, '').replace(/\.[^.]+$/, ''),
      sourceLang: flags.get('source-lang') ?? 'zh',
      targetLang: flags.get('target-lang') ?? 'en',
      sourceText: flags.has('source') ? readText(flags.get('source')!) : undefined,
      mtText: readText(file),
    }, config.limits);
    const id = importDocument(store, defaultFlagger(config.rulesDir), request, process.env.USER || 'cli', config.limits);
    const doc = store.documents.summary(id)!;
    process.stdout.write(`Imported document ${id}: ${doc.segments} segments, ${doc.flags} flags.\n`);
  } finally {
    db.close();
  }
}

function exportCommand({ positional, flags }: Parsed): void {
  const id = parseId(positional[0], 'ID');
  const format = flags.get('format') ?? 'txt';
  if (format !== 'txt') throw new UsageError(`unknown format "${format}" (formats: txt)`);
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  try {
    const store = new Store(db);
    const doc = store.documents.get(id);
    if (!doc) throw new UsageError(`document ${id} does not exist`);
    const out = flags.has('out') ? fs.openSync(flags.get('out')!, 'w') : 1;
    for (const chunk of plainTextChunks(store.segments.iterate(id), doc.targetLang)) fs.writeSync(out, chunk);
    if (out !== 1) fs.closeSync(out);
  } finally {
    db.close();
  }
}

function rulesCommand({ flags }: Parsed): void {
  const rules = defaultFlagger(loadConfig().rulesDir).rules;
  if (flags.get('format') === 'json') {
    process.stdout.write(JSON.stringify(rules, null, 2) + '\n');
    return;
  }
  for (const r of rules) process.stdout.write(`${r.id.padEnd(40)} ${r.family.padEnd(20)} ${r.severity.padEnd(8)} ${r.name}\n`);
  process.stderr.write(`${rules.length} rules\n`);
}

export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    const args = parseArgs(rest);
    switch (command) {
      case 'flag': flagCommand(args); return 0;
      case 'import': importCommand(args); return 0;
      case 'export': exportCommand(args); return 0;
      case 'rules': rulesCommand(args); return 0;
      case 'serve': require('./main'); return -1;
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(USAGE + '\n');
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`calque: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof AppError) {
      process.stderr.write(`calque: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
