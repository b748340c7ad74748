import type { OptionSpec, Parsed } from './args';

/** Returned by a command that keeps running (the server): main() leaves the exit code alone. */
export const RUNNING = -1;

/** What a command's handler may return: nothing or an exit code, now or later. */
export type CommandResult = void | number | Promise<void | number>;

export interface Command {
  name: string;
  /** One line per form of the command: [synopsis after "calque ", what it does]. */
  usage: Array<[string, string]>;
  options: Record<string, OptionSpec>;
  maxPositionals: number;
  /** Loads the command's module only when it runs, so `--help` and `flag` stay fast. */
  run(args: Parsed): CommandResult;
}

const LANGS: Record<string, OptionSpec> = {
  'source-lang': { type: 'string', value: 'LANG', help: 'language of the source (default zh)' },
  'target-lang': { type: 'string', value: 'LANG', help: 'language of the translation (default en)' },
};

/** Every command of `calque`, in the order the usage lists them. Add a command by adding an entry. */
export const COMMANDS: Command[] = [
  {
    name: 'serve',
    usage: [['serve', 'start the workbench (the same as npm start without the build)']],
    options: {},
    maxPositionals: 0,
    run: () => {
      require('../main');
      return RUNNING;
    },
  },
  {
    name: 'flag',
    usage: [['flag FILE [options]', 'flag a text file and print the findings']],
    options: {
      source: { type: 'string', value: 'SRCFILE', help: 'the source text, for the checks that compare with it' },
      format: { type: 'string', value: 'json|text', help: 'output format (default text)' },
      llm: { type: 'boolean', help: "add the second reader's findings (needs CALQUE_LLM_BASE_URL)" },
      ...LANGS,
    },
    maxPositionals: 1,
    run: (args) => (require('./flag') as typeof import('./flag')).flagCommand(args),
  },
  {
    name: 'import',
    usage: [['import FILE [options]', 'import a document: MT text (.txt), Word (.docx), bilingual TSV/CSV, XLIFF 1.2/2.x or TMX']],
    options: {
      source: { type: 'string', value: 'SRCFILE', help: 'the source text of a plain-text translation' },
      title: { type: 'string', value: 'TITLE', help: 'the document title (default: from the file)' },
      ...LANGS,
    },
    maxPositionals: 1,
    run: (args) => (require('./documents') as typeof import('./documents')).importCommand(args),
  },
  {
    name: 'export',
    usage: [['export ID [options]', 'export a document']],
    options: {
      format: { type: 'string', value: 'FORMAT', help: 'txt, docx, xliff, xliff12, tmx, changes-csv, changes-json, report or report-csv (default txt)' },
      out: { type: 'string', value: 'FILE', help: 'write to FILE instead of standard output' },
    },
    maxPositionals: 1,
    run: (args) => (require('./documents') as typeof import('./documents')).exportCommand(args),
  },
  {
    name: 'rules',
    usage: [['rules [--format json|text]', 'list every rule and check']],
    options: { format: { type: 'string', value: 'json|text', help: 'output format (default text)' } },
    maxPositionals: 0,
    run: (args) => (require('./rules') as typeof import('./rules')).rulesCommand(args),
  },
  {
    name: 'user',
    usage: [
      ['user add NAME --role editor|reviewer|admin [--password PASSWORD]', 'add an account (a password is generated and printed if none is given)'],
      ['user deactivate NAME', 'the user can no longer sign in; their sessions and tokens end'],
    ],
    options: {
      role: { type: 'string', value: 'ROLE', help: 'editor, reviewer or admin (default editor)' },
      password: { type: 'string', value: 'PASSWORD', help: 'the password (default: a generated one, printed once)' },
    },
    maxPositionals: 2,
    run: (args) => (require('./accounts') as typeof import('./accounts')).userCommand(args),
  },
  {
    name: 'token',
    usage: [
      ['token create NAME', 'create an API token for a user (printed once)'],
      ['token list', 'list API tokens (id, user, made, last used)'],
      ['token revoke ID', 'revoke the API token with that id'],
    ],
    options: {},
    maxPositionals: 2,
    run: (args) => (require('./accounts') as typeof import('./accounts')).tokenCommand(args),
  },
  {
    name: 'backup',
    usage: [['backup FILE', 'copy the database to FILE, safely while the server runs']],
    options: {},
    maxPositionals: 1,
    run: (args) => (require('./backup') as typeof import('./backup')).backupCommand(args),
  },
];
