import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import Database from 'better-sqlite3';
import { testApp, tokenFor, FIXTURES, MT } from '../helpers/app';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { Store } from '../../server/db/store';

/** Signs in through the login form like a browser: returns an agent holding the session cookie. */
async function signIn(app: ReturnType<typeof testApp>['app'], name: string, password: string) {
  const agent = request.agent(app);
  const form = await agent.get('/login').expect(200);
  const loginToken = /name="_login" value="([^"]+)"/.exec(form.text)![1];
  const res = await agent.post('/login').type('form').send({ name, password, _login: loginToken, next: '/' });
  return { agent, res };
}

const csrfOf = (html: string) => /<meta name="csrf-token" content="([^"]+)">/.exec(html)![1];

describe('accounts and sessions', () => {
  test('the first admin of an empty database signs in with the printed password and works through forms with a CSRF token', async () => {
    const { app, services } = testApp();
    const admin = await services.accounts.ensureAdmin({});
    expect(admin?.password).toMatch(/^[a-z2-9-]{20,}$/);
    expect(await services.accounts.ensureAdmin({})).toBeUndefined();

    const { agent, res } = await signIn(app, 'admin', admin!.password!);
    expect(res.status).toBe(303);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).join(';')).toMatch(/calque_session=[^;]+;.*HttpOnly;.*SameSite=Lax/);
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('admin <span class="role">admin</span>');

    // Without the CSRF token a cookie-authenticated write is refused; with it, it goes through.
    await agent.post('/documents').field('title', 'T').field('sourceLang', 'zh').field('targetLang', 'en').field('mtText', MT).expect(403);
    expect(services.store.documents.list()).toHaveLength(0);
    await agent.post(`/documents?_csrf=${csrfOf(home.text)}`).field('title', 'T').field('sourceLang', 'zh').field('targetLang', 'en').field('mtText', MT).expect(303);
    expect(services.store.documents.list()).toHaveLength(1);

    await agent.post('/logout').type('form').send({ _csrf: csrfOf(home.text) }).expect(303);
    const after = await agent.get('/').expect(303);
    expect(after.headers.location).toBe('/login?next=%2F');
  });

  test('a wrong password is refused, and after 10 failures sign-in is rate limited', async () => {
    const { app, services } = testApp();
    await services.accounts.createUser('mei', 'reviewer', 'correct horse battery');
    const wrong = await signIn(app, 'mei', 'wrong password!');
    expect(wrong.res.status).toBe(401);
    expect(wrong.res.text).toContain('Wrong name or password.');
    for (let i = 0; i < 9; i++) expect((await signIn(app, 'mei', 'still wrong')).res.status).toBe(401);
    const limited = await signIn(app, 'mei', 'correct horse battery');
    expect(limited.res.status).toBe(429);
    expect(Number(limited.res.headers['retry-after'])).toBeGreaterThan(0);
  });

  test('the login form refuses a post without its own token, and never redirects off the site', async () => {
    const { app, services } = testApp();
    await services.accounts.createUser('mei', 'editor', 'correct horse battery');
    await request(app).post('/login').type('form').send({ name: 'mei', password: 'correct horse battery' }).expect(403);
    const { res } = await signIn(app, 'mei', 'correct horse battery');
    expect(res.headers.location).toBe('/');
    const agent = request.agent(app);
    const form = await agent.get('/login?next=//evil.example/').expect(200);
    expect(form.text).toContain('name="next" value="/"');
  });

  test('an unknown API token is a 401; passwords and tokens are stored only as hashes', async () => {
    const { app, services, db } = testApp();
    await request(app).get('/api/documents').set('Authorization', 'Bearer nope').expect(401);
    await request(app).get('/api/documents').expect(401);
    await services.accounts.createUser('mei', 'editor', 'correct horse battery');
    const token = services.store.users.createToken(services.store.users.byName('mei')!.id);
    expect((await request(app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(200)).body).toMatchObject({ name: 'mei', role: 'editor' });
    const dump = JSON.stringify(db.prepare('SELECT * FROM users').all()) + JSON.stringify(db.prepare('SELECT * FROM api_tokens').all());
    expect(dump).not.toContain('correct horse battery');
    expect(dump).not.toContain(token);
    expect(dump).toMatch(/scrypt\$32768\$8\$1\$/);
  });

  test('API tokens are looked up once, yet a role change applies to the very next call', async () => {
    const { app, services } = testApp();
    const token = tokenFor(app, 'mei', 'editor');
    const me = () => request(app).get('/api/me').set('Authorization', `Bearer ${token}`);
    expect((await me().expect(200)).body).toMatchObject({ name: 'mei', role: 'editor' });
    services.store.users.setRole(services.store.users.byName('mei')!.id, 'reviewer');
    expect((await me().expect(200)).body).toMatchObject({ name: 'mei', role: 'reviewer' });
  });

  test('a token revoked or a role changed by another process (another connection to the file) is seen at once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-tokens-'));
    const dbFile = path.join(dir, 'calque.db');
    const db = openDatabase(dbFile);
    const app = createApp({ config: { ...loadConfig({}), dbFile, rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' }, db });
    const other = new Database(dbFile);
    try {
      const token = tokenFor(app, 'mei', 'editor');
      const me = () => request(app).get('/api/me').set('Authorization', `Bearer ${token}`);
      expect((await me().expect(200)).body).toMatchObject({ role: 'editor' });
      other.prepare(`UPDATE users SET role = 'admin' WHERE name = 'mei'`).run();
      expect((await me().expect(200)).body).toMatchObject({ role: 'admin' });
      other.prepare('DELETE FROM api_tokens').run();
      expect((await me().expect(401)).body.error.reason).toBe('invalid-token');
    } finally {
      other.close();
      await app.locals.services.checkpointer?.stop();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI adds users and creates API tokens that the server accepts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-cli-'));
    const dbFile = path.join(dir, 'calque.db');
    const previous = process.env.CALQUE_DB;
    process.env.CALQUE_DB = dbFile;
    const out: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { main } = require('../../server/cli') as typeof import('../../server/cli');
      expect(main(['user', 'add', 'lee', '--role', 'reviewer', '--password', 'a long password'])).toBe(-1);
      for (let i = 0; i < 100 && !out.join('').includes('Added lee'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(out.join('')).toContain('Added lee (reviewer).');
      expect(main(['token', 'create', 'lee'])).toBe(0);
      const token = out.join('').match(/cq_[A-Za-z0-9_-]+/)![0];
      const db = openDatabase(dbFile);
      expect(new Store(db).users.byToken(token)).toMatchObject({ name: 'lee', role: 'reviewer' });
      db.close();
    } finally {
      write.mockRestore();
      err.mockRestore();
      process.env.CALQUE_DB = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
