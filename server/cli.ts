import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/connection';
import { Store } from './db/store';
import { defaultFlagger } from './checks/engine';
import { flagText } from './checks/flag-text';
import { decodeText } from './formats/decode';
import { importUpload } from './formats/detect';
import { EXPORT_FORMATS, exportStream, parseExportFormat } from './formats/exports';
import { AppError } from './errors';
import { parseId } from './review/review';
import { AccountService } from './auth/accounts';
import { deactivateUserCommand, listTokensCommand, revokeTokenCommand } from './cli-accounts';
import type { Finding } from './checks/types';

const USAGE = `Usage:
  calque serve                                   start the workbench (same as npm start)
  calque flag FILE [--source SRCFILE] [--format json|text] [--source-lang zh] [--target-lang en] [--llm]
                                                 --llm: add the second reader's findings (needs CALQUE_LLM_BASE_URL)
  calque import FILE [--source SRCFILE] [--title TITLE] [--source-lang zh] [--target-lang en]
                                                 FILE: MT text (.txt), Word (.docx), bilingual TSV/CSV, XLIFF 1.2/2.x or TMX
  calque export ID [--format txt|xliff|xliff12|tmx|changes-csv|changes-json|report|report-csv] [--out FILE]
  calque rules [--format json|text]              list every rule and check
  calque user add NAME --role editor|reviewer|admin [--password PASSWORD]
                                                 add an account (a password is generated and printed if none is given)
  calque user deactivate NAME                    the user can no longer sign in; their sessions and tokens end
  calque token create NAME                       create an API token for a user (printed once)
  calque token list                              list API tokens (id, user, made, last used)
  calque token revoke ID                         revoke the API token with that id
  calque backup FILE                             copy the database to FILE, safely while the server runs

The database is CALQUE_DB (default data/calque.db); rule packs are read from CALQUE_RULES_DIR (default data/rules).`;

interface Parsed {
  positional: string[];
  flags: Map<string, string>;
}

/** Options that take no value. */
const SWITCHES = new Set(['llm']);

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [key, inline] = arg.slice(2).split('=', 2);
      if (SWITCHES.has(key) && inline === undefined) {
        flags.set(key, 'true');
        continue;
      }
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

/** Flags a file; with --llm the second reader's findings are added (asynchronously: returns -1). */
function flagCommand({ positional, flags }: Parsed): number {
  const file = positional[0];
  if (!file) throw new UsageError('flag needs a FILE');
  const config = loadConfig();
  const text = readText(file);
  const options = {
    source: flags.has('source') ? readText(flags.get('source')!) : undefined,
    sourceLang: flags.get('source-lang') ?? 'zh',
    targetLang: flags.get('target-lang') ?? 'en',
  };
  const findings = flagText(defaultFlagger(config), text, options);
  const format = flags.get('format') ?? 'text';
  if (format !== 'json' && format !== 'text') throw new UsageError('--format is json or text');
  if (!flags.has('llm')) {
    printFindings(file, text, findings, format);
    return 0;
  }
  // Loaded only when asked for: plain flagging never touches the network code.
  const { withSecondReader } = require('./llm/flag-cli') as typeof import('./llm/flag-cli');
  withSecondReader(config.llm, text, findings, options).then((all) => {
    printFindings(file, text, all, format);
    process.exitCode = 0;
  }, (err: unknown) => {
    process.stderr.write(`calque: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
  return -1;
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

/** Imports a file of any supported format (detected from content and extension). Async: returns -1, sets the exit code. */
function importCommand({ positional, flags }: Parsed): number {
  const file = positional[0];
  if (!file) throw new UsageError('import needs a FILE');
  if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  const store = new Store(db);
  const fields = {
    title: flags.get('title'),
    sourceLang: flags.get('source-lang') ?? 'zh',
    targetLang: flags.get('target-lang') ?? 'en',
    sourceText: flags.has('source') ? readText(flags.get('source')!) : undefined,
  };
  importUpload(store, defaultFlagger(config), fs.readFileSync(file), file, fields, process.env.USER || 'cli', config.limits)
    .then((id) => {
      const doc = store.documents.summary(id)!;
      process.stdout.write(`Imported document ${id} (${doc.format}): ${doc.segments} segments, ${doc.flags} flags.\n`);
      process.exitCode = 0;
    }, (err: unknown) => {
      if (!(err instanceof AppError)) throw err;
      process.stderr.write(`calque: ${err.message}\n`);
      process.exitCode = 1;
    })
    .finally(() => db.close());
  return -1;
}

function exportCommand({ positional, flags }: Parsed): void {
  const id = parseId(positional[0], 'ID');
  const format = flags.get('format') ?? 'txt';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (formats: ${EXPORT_FORMATS.join(', ')})`);
  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  try {
    const store = new Store(db);
    const doc = store.documents.get(id);
    if (!doc) throw new UsageError(`document ${id} does not exist`);
    const stream = exportStream(store, doc, parseExportFormat(format));
    const out = flags.has('out') ? fs.openSync(flags.get('out')!, 'w') : 1;
    try {
      if (stream.bytes) fs.writeSync(out, stream.bytes());
      for (let next = stream.chunks.next(); !next.done; next = stream.chunks.next()) fs.writeSync(out, next.value);
    } finally {
      if (out !== 1) fs.closeSync(out);
    }
  } finally {
    db.close();
  }
}

/**
 * Copies the database with SQLite's online backup while the server may be writing: the copy is
 * one consistent snapshot, written next to FILE, checked, then renamed into place.
 */
function backupCommand({ positional }: Parsed): number {
  const target = positional[0];
  if (!target) throw new UsageError('backup needs a FILE');
  const { dbFile } = loadConfig();
  if (!fs.existsSync(dbFile)) throw new UsageError(`${dbFile}: no such database`);
  if (path.resolve(target) === path.resolve(dbFile)) throw new UsageError('the backup FILE must not be the database itself');
  const temp = `${target}.partial-${process.pid}`;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // All pages in one step: a reader in WAL mode sees one snapshot and never blocks the writers,
  // while small steps would restart every time the server commits.
  db.backup(temp, { progress: () => 0x7fffffff })
    .then(() => {
      const copy = new Database(temp, { fileMustExist: true });
      try {
        const check = copy.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new AppError(500, 'backup-corrupt', `the backup failed its integrity check: ${String(check)}`);
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
      fs.renameSync(temp, target);
      process.stdout.write(`Backed up ${dbFile} to ${target} (${fs.statSync(target).size.toLocaleString('en')} bytes).\n`);
      process.exitCode = 0;
    })
    .catch((err: unknown) => {
      fs.rmSync(temp, { force: true });
      process.stderr.write(`calque: backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    })
    .finally(() => db.close());
  return -1;
}

async function userCommand({ positional, flags }: Parsed): Promise<void> {
  const [action, name] = positional;
  if (action !== 'add' || !name) throw new UsageError('usage: calque user add NAME --role editor|reviewer|admin [--password PASSWORD]');
  const db = openDatabase(loadConfig().dbFile);
  try {
    const { user, password } = await new AccountService(new Store(db)).createUser(name, flags.get('role') ?? 'editor', flags.get('password'));
    process.stdout.write(`Added ${user.name} (${user.role}).${flags.has('password') ? '' : ` Password: ${password}`}\n`);
  } finally {
    db.close();
  }
}

function tokenCommand({ positional }: Parsed): void {
  const [action, name] = positional;
  if (action === 'list') return listTokensCommand();
  if (action === 'revoke' && name) return revokeTokenCommand(name);
  if (action !== 'create' || !name) throw new UsageError('usage: calque token create NAME | calque token list | calque token revoke ID');
  const db = openDatabase(loadConfig().dbFile);
  try {
    const store = new Store(db);
    const user = store.users.byName(name);
    if (!user) throw new UsageError(`there is no user called ${name}`);
    if (user.deactivatedAt !== null) throw new AppError(409, 'user-deactivated', `${user.name} is deactivated and cannot have API tokens`);
    const token = store.users.createToken(user.id);
    store.events.record({ actor: 'cli', action: 'token.created', details: { for: user.name } });
    process.stdout.write(`${token}\n`);
    process.stderr.write(`API token for ${user.name} (${user.role}). It is shown only this once; send it as "Authorization: Bearer <token>".\n`);
  } finally {
    db.close();
  }
}

function rulesCommand({ flags }: Parsed): void {
  const rules = defaultFlagger(loadConfig()).rules;
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
      case 'flag': return flagCommand(args);
      case 'import': return importCommand(args);
      case 'export': exportCommand(args); return 0;
      case 'rules': rulesCommand(args); return 0;
      case 'token': tokenCommand(args); return 0;
      case 'user':
        if (args.positional[0] === 'deactivate' && args.positional[1]) {
          deactivateUserCommand(args.positional[1]);
          return 0;
        }
        userCommand(args).then(() => { process.exitCode = 0; }, (err: unknown) => {
          process.stderr.write(`calque: ${err instanceof Error ? err.message : String(err)}\n`);
          process.exitCode = err instanceof UsageError ? 2 : 1;
        });
        return -1;
      case 'backup': return backupCommand(args);
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
    if (err instanceof ConfigError) {
      process.stderr.write(`calque: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
