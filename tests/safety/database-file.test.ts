import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { cliCommand, serverCommand, startServer, tempDir } from '../helpers/server-process';
import { openDatabase } from '../../server/db/connection';

const ROOT = path.join(__dirname, '..', '..');

interface Ended { code: number | null; output: string }

/**
 * Whether another user can run the server from this checkout. As root the read-only case runs as
 * nobody (root writes to any file); a clone inside a private directory (mktemp -d makes them
 * 0700) is closed to nobody, so there the case cannot be made and is skipped.
 */
function otherUserCanRun(): boolean {
  if (process.getuid?.() !== 0) return true;
  for (let at = path.resolve(ROOT); ; at = path.dirname(at)) {
    if ((fs.statSync(at).mode & 0o005) !== 0o005) return false;
    if (path.dirname(at) === at) return true;
  }
}

/** Runs the server (or `calque ARGS`) on `dbFile` until it exits by itself. */
function runUntilExit(command: string[], dbFile: string, asOtherUser = false, env: NodeJS.ProcessEnv = {}): Promise<Ended> {
  // root writes to any file, so a read-only file is only read-only to another user.
  const ids = asOtherUser && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const child = spawn(process.execPath, command, { cwd: ROOT, env: { ...process.env, CALQUE_DB: dbFile, PORT: '0', CALQUE_ADMIN_PASSWORD: 'a long admin password', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
  let output = '';
  const read = (d: Buffer) => {
    output += d;
    // It started although it should not have: stop it, the test fails on the exit code.
    if (output.includes('running at')) child.kill('SIGKILL');
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  return new Promise((resolve) => child.on('exit', (code) => {
    clearTimeout(timer);
    resolve({ code, output });
  }));
}

/** A Calque database with its schema, closed, checkpointed into one file. */
function realDatabase(file: string): void {
  const db = openDatabase(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function expectOneLine(ended: Ended, file: string, problem: RegExp): void {
  expect(ended.code).toBe(1);
  const lines = ended.output.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`calque: ${file}: `);
  expect(lines[0]).toMatch(problem);
  expect(ended.output).not.toMatch(/^\s+at /m);
}

describe('a server that cannot start says why in one line', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('bad-db');
    fs.chmodSync(dir, 0o777);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('random bytes: the server prints one line naming the file and exits 1', async () => {
    const file = path.join(dir, 'random.db');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7919 + 13) % 251)));
    expectOneLine(await runUntilExit(serverCommand(), file), file, /not a Calque database/);
    expectOneLine(await runUntilExit([...cliCommand(), 'token', 'create', 'ada'], file), file, /not a Calque database/);
  });

  test('a truncated file is refused as damaged', async () => {
    const whole = path.join(dir, 'whole.db');
    realDatabase(whole);
    const file = path.join(dir, 'truncated.db');
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectOneLine(await runUntilExit(serverCommand(), file), file, /is damaged .*restore it from a backup/);
  });

  test('a directory is refused as a directory', async () => {
    const file = path.join(dir, 'folder.db');
    fs.mkdirSync(file);
    expectOneLine(await runUntilExit(serverCommand(), file), file, /is a directory, not a database file/);
  });

  (otherUserCanRun() ? test : test.skip)('a read-only database file: the server refuses to start and says why', async () => {
    const file = path.join(dir, 'read-only.db');
    // A database the server has used (admin and demo in it), so that starting needs no write.
    const first = await startServer(file);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    fs.chmodSync(file, 0o444);
    const ended = await runUntilExit(serverCommand(), file, true);
    expectOneLine(ended, file, /is read-only/);
    expect(ended.output).not.toContain('running at');
  });

  test('a port in use: one line saying so, exit 1', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const file = path.join(dir, 'port.db');
      const ended = await runUntilExit(serverCommand(), file, false, { PORT: String(port) });
      expect(ended.code).toBe(1);
      expect(ended.output.trim().split('\n').filter((l) => l.startsWith('calque:'))).toEqual([`calque: cannot listen on port ${port}: another program is using it (set PORT to choose another)`]);
      expect(ended.output).not.toMatch(/^\s+at /m);
    } finally {
      busy.close();
    }
  });
});
