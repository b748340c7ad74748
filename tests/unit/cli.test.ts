import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cliCommand, tempDir } from '../helpers/server-process';
import { main } from '../../server/cli';

const ROOT = path.join(__dirname, '..', '..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

interface Run { code: number; stdout: string; stderr: string }

/** Runs main() in this process, capturing what it prints. */
function run(argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Runs `calque ARGS` as its own process. */
function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliCommand(), ...args], { cwd: ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('calque command line', () => {
  test('--help, help and -h print the usage of every command and exit 0', () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const result = run(argv);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      for (const command of ['serve', 'flag FILE', 'import FILE', 'export ID', 'rules', 'user add NAME', 'token create NAME', 'backup FILE', '--version']) {
        expect(result.stdout).toContain(`calque ${command}`);
      }
      expect(result.stdout).toMatch(/Exit codes: 0 .*1 .*2 /);
    }
  });

  test('COMMAND --help prints that command\'s usage and options and exits 0', () => {
    const token = run(['token', '--help']);
    expect(token).toMatchObject({ code: 0, stderr: '' });
    expect(token.stdout).toContain('calque token create NAME');
    expect(token.stdout).not.toContain('calque flag');
    const flag = run(['flag', '-h']);
    expect(flag.code).toBe(0);
    for (const option of ['--source SRCFILE', '--format json|text', '--source-lang', '--target-lang', '--help']) expect(flag.stdout).toContain(option);
    expect(run(['help', 'export']).stdout).toContain('--out FILE');
    // --help wins over missing arguments: `user add --help` is a question, not a mistake.
    expect(run(['user', 'add', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--role ROLE') });
  });

  test('--version prints the version and exits 0', () => {
    expect(run(['--version'])).toEqual({ code: 0, stdout: `calque ${VERSION}\n`, stderr: '' });
  });

  test('an unknown option, a missing value or an extra argument is an error with the usage, exit 2', () => {
    const cases: Array<[string[], string]> = [
      [['flag', 'x.txt', '--bogus'], 'unknown option --bogus'],
      [['flag', 'x.txt', '-q'], 'unknown option -q'],
      [['flag', 'x.txt', '--format'], '--format needs a value'],
      [['flag', 'x.txt', '--source', '--format', 'json'], '--source needs a value'],
      [['flag', 'x.txt', '--format='], '--format needs a value'],
      [['flag', 'a.txt', 'b.txt'], 'unexpected argument "b.txt"'],
      [['rules', '--help=yes'], '--help takes no value'],
      [['token', '--role', 'admin'], 'unknown option --role'],
      [['token'], 'token needs an action'],
      [['user', 'remove', 'lee'], 'unknown action "remove"'],
      [['export', 'abc'], '"abc" is not a document ID'],
      [['--bogus'], 'unknown option --bogus'],
      [['frobnicate'], 'unknown command "frobnicate"'],
      [['help', 'frobnicate'], 'unknown command "frobnicate"'],
    ];
    for (const [argv, message] of cases) {
      const result = run(argv);
      expect({ argv, code: result.code, stdout: result.stdout }).toEqual({ argv, code: 2, stdout: '' });
      expect(result.stderr).toContain(`calque: ${message}`);
      expect(result.stderr).toContain('Usage:');
    }
  });

  test('no command prints the usage on stderr and exits 2', () => {
    const result = run([]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('calque flag FILE');
  });

  test('the real process exits with the documented codes', async () => {
    const dir = tempDir('cli-exit');
    try {
      const text = path.join(dir, 'one.txt');
      fs.writeFileSync(text, 'The team carried out mutual cooperation with several universities.\n');
      const help = await spawnCli(['token', '--help']);
      expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining('calque token create NAME') });
      expect(await spawnCli(['--version'])).toMatchObject({ code: 0, stdout: `calque ${VERSION}\n` });
      expect(await spawnCli(['flag', text, '--frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown option --frobnicate') });
      const flagged = await spawnCli(['flag', text]);
      expect(flagged).toMatchObject({ code: 0, stdout: expect.stringContaining('empty-verb-cooperation') });
      const badSetting = await spawnCli(['flag', text], { CALQUE_PAGE_SIZE: 'lots' });
      expect(badSetting).toMatchObject({ code: 2, stderr: 'calque: CALQUE_PAGE_SIZE must be a whole number from 10 to 1000, not "lots".\n' });
      const garbage = path.join(dir, 'garbage.db');
      fs.writeFileSync(garbage, Buffer.alloc(8192, 7));
      expect(await spawnCli(['token', 'create', 'ada'], { CALQUE_DB: garbage })).toMatchObject({ code: 1 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--help, --version and flag load neither the database nor the web server', async () => {
    const dir = tempDir('cli-lazy');
    try {
      const text = path.join(dir, 'one.txt');
      fs.writeFileSync(text, 'One line of text.\n');
      for (const argv of [['--help'], ['--version'], ['flag', '--help'], ['flag', text]]) {
        const script = `
          const { main } = require(${JSON.stringify(path.join(ROOT, 'server', 'cli.ts'))});
          process.stdout.write = () => true; process.stderr.write = () => true;
          main(${JSON.stringify(argv)});
          const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](better-sqlite3|express|handlebars|express-handlebars|mammoth|multer|helmet)[\\\\/]/.test(f));
          require('node:fs').writeSync(1, JSON.stringify([...new Set(loaded.map((f) => f.split(/node_modules[\\\\/]/)[1].split(/[\\\\/]/)[0]))]));`;
        const result = await new Promise<string>((resolve, reject) => execFile(process.execPath, ['-r', path.join(ROOT, 'tests', 'helpers', 'swc-register.js'), '-e', script], { cwd: ROOT }, (err, stdout) => (err ? reject(err) : resolve(stdout))));
        expect({ argv, loaded: JSON.parse(result) }).toEqual({ argv, loaded: [] });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
