import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from './errors';
import { DatabaseFileError, describeDatabaseProblem, isDatabaseFileProblem } from './db/database-errors';
import { PROJECT_ROOT } from './paths';
import { ConfigError, loadConfig } from './config';
import { parseCommandArgs, UsageError } from './cli/args';
import { COMMANDS, RUNNING, type Command } from './cli/commands';

/** Exit codes of every command (the README's "Commands" lists them too). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const ENVIRONMENT = 'The database is CALQUE_DB (default data/calque.db); rule packs are read from CALQUE_RULES_DIR (default data/rules).';
const EXIT_CODES = 'Exit codes: 0 done, 1 the command failed (unreadable file, unusable database, import refused), 2 wrong usage or setting.';

const GLOBAL_USAGE: Array<[string, string]> = [
  ['--help, COMMAND --help', "this help, or a command's"],
  ['--version', 'the version of Calque'],
];

function synopses(lines: Array<[string, string]>): string {
  const width = 34;
  return lines.map(([s, what]) => s.length + 2 > width ? `  calque ${s}\n  ${' '.repeat(width + 7)}${what}` : `  calque ${s.padEnd(width)}${what}`).join('\n');
}

export function usage(): string {
  return `Usage:\n${synopses([...COMMANDS.flatMap((c) => c.usage), ...GLOBAL_USAGE])}\n\n${ENVIRONMENT}\n${EXIT_CODES}`;
}

export function commandUsage(command: Command): string {
  const options = Object.entries(command.options).map(([name, o]) => [`--${name}${o.value ? ` ${o.value}` : ''}`, o.help]);
  options.push(['-h, --help', 'show this help']);
  const width = Math.max(...options.map(([o]) => o.length)) + 2;
  return `Usage:\n${synopses(command.usage)}\n\nOptions:\n${options.map(([o, h]) => `  ${o.padEnd(width)}${h}`).join('\n')}\n\n${ENVIRONMENT}\n${EXIT_CODES}`;
}

export function version(): string {
  return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Prints what went wrong; returns the exit code. Errors that are not ours are bugs: their stack is printed. */
function report(err: unknown, command: Command | undefined): number {
  if (err instanceof UsageError) {
    process.stderr.write(`calque: ${err.message}\n\n${command ? commandUsage(command) : usage()}\n`);
    return EXIT.usage;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`calque: ${err.message}\n`);
    return EXIT.usage;
  }
  if (err instanceof AppError || err instanceof DatabaseFileError) {
    process.stderr.write(`calque: ${err.message}\n`);
    return EXIT.failed;
  }
  if (isDatabaseFileProblem(err)) {
    const file = databaseFile();
    process.stderr.write(`calque: ${file}: ${describeDatabaseProblem(file, err)}\n`);
    return EXIT.failed;
  }
  process.stderr.write(`calque: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`);
  return EXIT.failed;
}

function databaseFile(): string {
  try {
    return loadConfig().dbFile;
  } catch {
    return 'the database';
  }
}

/** Global options, before the command: --help and --version. */
function globalOptions(argv: string[]): { help: boolean; version: boolean } {
  try {
    const { values } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } }, strict: true });
    return { help: values.help === true, version: values.version === true };
  } catch (err) {
    const option = /'(?:-\w, )?(--?[\w-]+)/.exec((err as Error).message)?.[1] ?? argv[0];
    throw new UsageError((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `unknown option ${option}` : `${option} takes no value`);
  }
}

/**
 * Runs one command. Returns its exit code, or -1 when it finishes later (it then sets
 * process.exitCode itself) or keeps running (serve).
 */
export function main(argv: string[]): number {
  const start = argv.findIndex((a) => !a.startsWith('-'));
  const before = start < 0 ? argv : argv.slice(0, start);
  let command: Command | undefined;
  try {
    const global = globalOptions(before);
    if (global.version) {
      process.stdout.write(`calque ${version()}\n`);
      return EXIT.ok;
    }
    const name = start < 0 ? undefined : argv[start];
    if (name === 'help') {
      const asked = argv[start + 1];
      const topic = COMMANDS.find((c) => c.name === asked);
      if (asked !== undefined && !topic) throw new UsageError(`unknown command "${asked}"`);
      process.stdout.write((topic ? commandUsage(topic) : usage()) + '\n');
      return EXIT.ok;
    }
    if (global.help || name === undefined) {
      // Asked for: the usage on stdout. Not asked for (no command): on stderr, as an error.
      (global.help ? process.stdout : process.stderr).write(usage() + '\n');
      return global.help ? EXIT.ok : EXIT.usage;
    }
    command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    const args = parseCommandArgs(argv.slice(start + 1), command.options, command.maxPositionals);
    if (args.help) {
      process.stdout.write(commandUsage(command) + '\n');
      return EXIT.ok;
    }
    const result = command.run(args);
    if (result instanceof Promise) {
      const running = command;
      result.then((code) => {
        process.exitCode = code ?? EXIT.ok;
      }, (err: unknown) => {
        process.exitCode = report(err, running);
      });
      return RUNNING;
    }
    return result ?? EXIT.ok;
  } catch (err) {
    return report(err, command);
  }
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
