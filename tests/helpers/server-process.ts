import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';

const ROOT = path.join(__dirname, '..', '..');
const SWC_HOOK = path.join(__dirname, 'swc-register.js');

/**
 * How the server is started: from the TypeScript sources through @swc/core (default: no build,
 * nothing written to dist/), or the build with CALQUE_TEST_DIST=1 (npm run test:crash builds first).
 */
export function serverCommand(): string[] {
  return process.env.CALQUE_TEST_DIST === '1'
    ? [path.join(ROOT, 'dist', 'server', 'main.js')]
    : ['-r', SWC_HOOK, path.join(ROOT, 'server', 'main.ts')];
}

export function cliCommand(): string[] {
  return process.env.CALQUE_TEST_DIST === '1'
    ? [path.join(ROOT, 'dist', 'server', 'cli.js')]
    : ['-r', SWC_HOOK, path.join(ROOT, 'server', 'cli.ts')];
}

/** The first start of a test database creates the admin with these (see server/auth/accounts.ts). */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';
export const TEST_ADMIN_TOKEN = 'cq_test-admin-token';

/** Gives an in-process app the same admin and token a test server process gets. */
export async function provisionAdmin(app: { locals: { services: { accounts: { ensureAdmin(env: NodeJS.ProcessEnv): Promise<unknown> } } } }): Promise<void> {
  await app.locals.services.accounts.ensureAdmin({ CALQUE_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, CALQUE_ADMIN_TOKEN: TEST_ADMIN_TOKEN });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `calque-${prefix}-`));
}

/** Starts `calque serve` on a free port with its own database file; resolves once it listens. */
export function startServer(dbFile: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 30_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, serverCommand(), {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', CALQUE_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, CALQUE_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env, CALQUE_DB: dbFile, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      const m = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      const port = Number(m[1]);
      resolve({ child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited });
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${out}`));
    });
  });
}

/** A keep-alive agent so thousands of requests don't exhaust ephemeral ports. */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface Reply {
  status: number;
  body: any;
  headers: http.IncomingHttpHeaders;
}

/** One JSON request over real HTTP; rejects only when the connection fails. */
export function call(url: string, method: string, pathName: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(url + pathName, {
      method,
      agent,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
