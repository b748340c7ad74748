import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { createApp } from '../../server/app';
import { ConfigError, loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { createLogger } from '../../server/log';
import { requestLog } from '../../server/routes/request-log';
import { FIXTURES, MT, tokenFor } from '../helpers/app';
import { call, startServer, tempDir, TEST_ADMIN_PASSWORD, TEST_ADMIN_TOKEN } from '../helpers/server-process';

/** An app whose request log is kept in memory, at `level`. */
function loggedApp(level: 'info' | 'error' = 'info') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  const config = { ...loadConfig({}), dbFile: ':memory:', rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' };
  const app = createApp({ config, db: openDatabase(':memory:'), logger });
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { app, services: app.locals.services, lines, entries };
}

/** Log lines are written when the response has finished, a tick after supertest has it. */
const settle = () => new Promise((r) => setImmediate(r));

describe('request log', () => {
  test('one JSON line per request with method, path, status, time, user and request id', async () => {
    const { app, entries } = loggedApp();
    const token = tokenFor(app, 'ada', 'admin');
    const res = await request(app).get('/api/me?q=private+search').set('Authorization', `Bearer ${token}`).expect(200);
    await request(app).get('/api/nowhere').expect(401);
    await settle();
    const [me, anonymous] = entries();
    expect(entries()).toHaveLength(2);
    expect(me).toMatchObject({ level: 30, method: 'GET', path: '/api/me', status: 200, user: 'ada', requestId: res.headers['x-request-id'], msg: 'GET /api/me 200' });
    expect(typeof me.time).toBe('number');
    expect(typeof me.responseTime).toBe('number');
    expect(anonymous).toMatchObject({ method: 'GET', path: '/api/nowhere', status: 401 });
    expect(anonymous.user).toBeUndefined();
    expect(anonymous.requestId).not.toBe(me.requestId);
  });

  test('no password, token, cookie, CSRF token or text body is ever written', async () => {
    const { app, services, lines } = loggedApp();
    const password = 'correct horse battery staple';
    await services.accounts.createUser('mei', 'admin', password);
    const token = tokenFor(app, 'ada', 'admin');
    const agent = request.agent(app);
    const form = await agent.get('/login').expect(200);
    const loginToken = /name="_login" value="([^"]+)"/.exec(form.text)![1];
    const signedIn = await agent.post('/login').type('form').send({ name: 'mei', password, _login: loginToken, next: '/' }).expect(303);
    const cookie = /calque_session=([^;]+)/.exec(String(signedIn.headers['set-cookie']))![1];
    const home = await agent.get('/').expect(200);
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(home.text)![1];
    const secretText = 'Confidential merger wording nobody may read in a log';
    await agent.post(`/documents?_csrf=${csrf}`).field('title', 'Secret title').field('sourceLang', 'zh').field('targetLang', 'en').field('mtText', `${secretText}\n\n${MT}`).expect(303);
    await request(app).post('/api/flag').set('Authorization', `Bearer ${token}`).send({ text: secretText }).expect(200);
    await request(app).post('/api/flag').set('Authorization', `Bearer ${token}`).type('json').send(`{"text": "${secretText}`).expect(400);
    await settle();
    const log = lines.join('');
    expect(lines).toHaveLength(6);
    for (const secret of [password, token, cookie, csrf, loginToken, secretText, 'Secret title', 'authorization', 'cookie']) expect(log).not.toContain(secret);
    expect(log).toContain('"user":"mei"');
  });

  test('a server error is logged once, with its request id, which the error response carries', async () => {
    const { app, services, entries } = loggedApp('error');
    services.store.documents.list = () => {
      throw new Error('the disk controller caught fire');
    };
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(app).get('/api/documents').set('Authorization', `Bearer ${tokenFor(app, 'ada')}`).expect(500);
    await settle();
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    expect(res.body.error).toMatchObject({ reason: 'internal-error', requestId: res.headers['x-request-id'] });
    expect(res.body.error.message).not.toContain('fire');
    expect(entries()).toEqual([expect.objectContaining({
      level: 50,
      requestId: res.headers['x-request-id'],
      status: 500,
      err: expect.objectContaining({ message: 'the disk controller caught fire', stack: expect.stringContaining('request-log.test') }),
    })]);
  });

  test('a logged error keeps its type, code, a cut message and its stack frames, never the fields a library hangs on it', async () => {
    const { app, services, lines } = loggedApp('error');
    const secret = 'the text of a confidential contract';
    services.store.documents.list = () => {
      throw Object.assign(new Error(`${'x'.repeat(2000)} near "${secret}"`), { code: 'EPARSE', body: secret, headers: { cookie: secret } });
    };
    await request(app).get('/api/documents').set('Authorization', `Bearer ${tokenFor(app, 'ada')}`).expect(500);
    await settle();
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(secret);
    const { err } = JSON.parse(lines[0]) as { err: Record<string, string> };
    expect(Object.keys(err).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(err).toMatchObject({ type: 'Error', code: 'EPARSE' });
    expect(err.message.length).toBeLessThan(600);
    expect(err.stack).toMatch(/^\s+at /);
  });

  test('a busy database is a warning with its error; a successful probe is debug; a request the client gave up on says so', async () => {
    const { app, services, entries } = loggedApp('info');
    services.store.documents.list = () => {
      throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    };
    await request(app).get('/api/documents').set('Authorization', `Bearer ${tokenFor(app, 'ada')}`).expect(503);
    await request(app).get('/healthz').expect(200);
    await settle();
    expect(entries()).toEqual([expect.objectContaining({ level: 40, status: 503, msg: 'GET /api/documents 503', err: expect.objectContaining({ code: 'SQLITE_BUSY' }) })]);

    // A route that never answers, and a client that hangs up.
    const lines: string[] = [];
    const bare = express();
    bare.use(requestLog(createLogger('info', { write: (line: string) => void lines.push(line) })));
    bare.get('/slow', () => undefined);
    const server = bare.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/slow?secret=1' }, () => undefined);
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 50);
    });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    server.close();
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ level: 30, path: '/slow', status: 200, msg: 'GET /slow 200 (aborted by the client)' })]);
  });

  test('every error response names its request id; an id sent by a proxy is kept, a malformed one replaced', async () => {
    const { app } = loggedApp('error');
    const forwarded = await request(app).get('/api/documents').set('X-Request-Id', 'edge-4f2a.17').expect(401);
    expect(forwarded.headers['x-request-id']).toBe('edge-4f2a.17');
    expect(forwarded.body.error.requestId).toBe('edge-4f2a.17');
    const hostile = await request(app).get('/api/nothing-here').set('Authorization', `Bearer ${tokenFor(app, 'ada')}`).set('X-Request-Id', '"><script>').expect(404);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(hostile.body.error.requestId).toBe(hostile.headers['x-request-id']);
    const page = await request(app).get('/').expect(303);
    expect(page.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('CALQUE_LOG_LEVEL sets the level; the log is silent under Jest unless it is set', () => {
    expect(loadConfig({}).logLevel).toBe('silent');
    expect(loadConfig({ CALQUE_LOG_LEVEL: 'warn' }).logLevel).toBe('warn');
    expect(() => loadConfig({ CALQUE_LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  test('the server process writes the log to standard output, at CALQUE_LOG_LEVEL', async () => {
    const dir = tempDir('request-log');
    const server = await startServer(path.join(dir, 'calque.db'), { CALQUE_LOG_LEVEL: 'info' });
    try {
      const me = await call(server.url, 'GET', '/api/me');
      expect(me.status).toBe(200);
      expect((await call(server.url, 'GET', '/readyz')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      const lines = server.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 30, method: 'GET', path: '/api/me', status: 200, user: 'admin', requestId: me.headers['x-request-id'] }));
      // A successful probe is debug, below info.
      expect(lines.some((l) => l.path === '/readyz')).toBe(false);
      expect(server.output()).not.toContain(TEST_ADMIN_TOKEN);
      expect(server.output()).not.toContain(TEST_ADMIN_PASSWORD);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
