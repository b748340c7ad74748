import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import Database from 'better-sqlite3';
import { testApp, api, tokenFor } from '../helpers/app';
import { migrate } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/connection';
import { Store } from '../../server/db/store';

type App = ReturnType<typeof testApp>['app'];

/** Signs in through the login form like a browser, from `address` (X-Forwarded-For, trusted in these tests). */
async function signIn(app: App, name: string, password: string, address = '10.0.0.1') {
  const agent = request.agent(app);
  const form = await agent.get('/login').set('X-Forwarded-For', address).expect(200);
  const loginToken = /name="_login" value="([^"]+)"/.exec(form.text)![1];
  const res = await agent.post('/login').set('X-Forwarded-For', address).type('form').send({ name, password, _login: loginToken, next: '/' });
  return { agent, res };
}

function appWithAddresses() {
  const t = testApp();
  t.app.set('trust proxy', true);
  return t;
}

let clock = 0;
beforeEach(() => {
  clock = Date.now();
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterEach(() => jest.restoreAllMocks());

describe('sign-in limits', () => {
  test('signing in to one\'s own account does not reset the failures counted against the address', async () => {
    const { app, services } = appWithAddresses();
    await services.accounts.createUser('mallory', 'editor', 'my own password');
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      // A different account each round: only the count against the address is under test here.
      for (let i = 0; i < 9; i++) statuses.push((await signIn(app, `victim${round}`, `guess ${i}`, '10.0.0.66')).res.status);
      await signIn(app, 'mallory', 'my own password', '10.0.0.66');
    }
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(401));
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  });

  test('wrong passwords from many addresses slow the account down but never lock its owner out', async () => {
    const { app, services } = appWithAddresses();
    await services.accounts.createUser('mei', 'reviewer', 'correct horse battery');
    const known = await signIn(app, 'mei', 'correct horse battery', '10.0.0.1');
    expect(known.res.status).toBe(303);
    for (let i = 0; i < 12; i++) {
      const { res } = await signIn(app, 'mei', `guess ${i}`, `10.1.0.${i}`);
      expect([401, 429]).toContain(res.status);
      clock += 500;
    }
    // The open session keeps working throughout.
    await known.agent.get('/').expect(200);
    // A new address waits a few seconds at most, not 15 minutes.
    const slowed = await signIn(app, 'mei', 'correct horse battery', '10.2.0.1');
    expect(slowed.res.status).toBe(429);
    expect(Number(slowed.res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(slowed.res.text).toMatch(/seconds/);
    // The address she signed in from before is not slowed.
    expect((await signIn(app, 'mei', 'correct horse battery', '10.0.0.1')).res.status).toBe(303);
    // After the back-off, a new address signs in.
    clock += 61_000;
    expect((await signIn(app, 'mei', 'correct horse battery', '10.2.0.1')).res.status).toBe(303);
  });
});

describe('sign-in and account forms read bounded fields', () => {
  test('an oversized name or password is a 400 and is not remembered; a password is taken exactly as typed', async () => {
    const { app, services } = appWithAddresses();
    await services.accounts.createUser('mei', 'editor', '  spaces around  ');
    expect((await signIn(app, 'm'.repeat(5_000_000), 'x')).res.status).toBe(400);
    expect((await signIn(app, 'mei', 'p'.repeat(1001))).res.status).toBe(400);
    expect((await signIn(app, 'mei', 'spaces around')).res.status).toBe(401);
    expect((await signIn(app, 'mei', '  spaces around  ')).res.status).toBe(303);
  });

  test('a new user with a name of the wrong type is a 400', async () => {
    const { app, services } = testApp();
    await api(app).post('/admin/users').type('form').send('name=a&name=b&role=editor').expect(400);
    expect(services.store.users.list().map((u) => u.name)).toEqual(['ada']);
  });
});

describe('ids that are never reused', () => {
  test('a user row deleted by hand leaves no tokens or sessions for the next user to inherit', async () => {
    const { app, services, db } = testApp();
    const token = tokenFor(app, 'gone', 'admin');
    const goneId = services.store.users.byName('gone')!.id;
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM users WHERE id = ?').run(goneId);
    db.pragma('foreign_keys = ON');
    const next = await services.accounts.createUser('newcomer', 'editor', 'a fine password');
    expect(next.user.id).not.toBe(goneId);
    await request(app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  test('migration 0006 keeps accounts, sessions and tokens, drops orphans, and starts ids past every id used', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 5));
    db.exec(`INSERT INTO users (id, name, role, password_hash, created_at) VALUES (1, 'ada', 'admin', 'h', 't'), (2, 'bo', 'editor', 'h', 't'), (3, 'cy', 'editor', 'h', 't');
      INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (1, 'ta', 't'), (3, 'tc', 't');
      INSERT INTO sessions VALUES ('sb', 2, 'c', 't', '9999'), ('sc', 3, 'c', 't', '9999');`);
    db.pragma('foreign_keys = OFF');
    db.exec('DELETE FROM users WHERE id = 3');
    db.pragma('foreign_keys = ON');
    migrate(db);
    expect(db.prepare('SELECT id, name, role, deactivated_at AS d FROM users ORDER BY id').all()).toEqual([{ id: 1, name: 'ada', role: 'admin', d: null }, { id: 2, name: 'bo', role: 'editor', d: null }]);
    expect(db.prepare('SELECT token_hash AS t, user_id AS u FROM sessions').all()).toEqual([{ t: 'sb', u: 2 }]);
    expect(db.prepare('SELECT id, token_hash AS t FROM api_tokens').all()).toEqual([{ id: 1, t: 'ta' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const id = Number(db.prepare(`INSERT INTO users (name, role, password_hash, created_at) VALUES ('dee', 'editor', 'h', 't')`).run().lastInsertRowid);
    expect(id).toBe(4);
    const tokenId = Number(db.prepare(`INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (1, 'tn', 't')`).run().lastInsertRowid);
    expect(tokenId).toBe(3);
    // Deleting a user still cascades to their sessions and tokens.
    db.prepare('DELETE FROM users WHERE id = 2').run();
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('deactivating users and revoking tokens', () => {
  test('a deactivated user loses sessions and tokens at once and cannot sign in; the page and the API both do it', async () => {
    const { app, services } = testApp();
    await services.accounts.createUser('lee', 'reviewer', 'a long password');
    const token = services.store.users.createToken(services.store.users.byName('lee')!.id);
    const { agent } = await signIn(app, 'lee', 'a long password');
    await agent.get('/').expect(200);
    const lee = services.store.users.byName('lee')!;
    const res = await api(app).post(`/api/users/${lee.id}/deactivate`).expect(200);
    expect(res.body).toMatchObject({ name: 'lee', deactivatedAt: expect.any(String) });
    await request(app).get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
    expect((await agent.get('/')).status).toBe(303);
    expect((await signIn(app, 'lee', 'a long password', '10.9.9.9')).res.status).toBe(401);
    const page = await api(app).get('/admin/users').expect(200);
    expect(page.text).toMatch(/Deactivated \d{4}-/);
    // The name stays taken.
    await api(app).post('/admin/users').type('form').send({ name: 'lee', role: 'editor' }).expect(409);

    await services.accounts.createUser('kim', 'editor', 'a long password');
    const kim = services.store.users.byName('kim')!;
    await api(app).post(`/admin/users/${kim.id}/deactivate`).type('form').send({}).expect(303);
    expect(services.store.users.get(kim.id)!.deactivatedAt).not.toBeNull();
    await api(app).post('/api/users/99999/deactivate').expect(404);
  });

  test('an API token is revoked from the API or the Users page, and only admins may', async () => {
    const { app, services } = testApp();
    const first = tokenFor(app, 'mei', 'editor');
    const mei = services.store.users.byName('mei')!;
    const second = services.store.users.createToken(mei.id);
    await request(app).get('/api/users').set('Authorization', `Bearer ${first}`).expect(403);
    const tokens = (await api(app).get('/api/tokens').expect(200)).body as { id: number; userName: string }[];
    const ofMei = tokens.filter((t) => t.userName === 'mei');
    expect(ofMei).toHaveLength(2);
    expect(JSON.stringify(tokens)).not.toContain(first);
    await request(app).delete(`/api/tokens/${ofMei[1].id}`).set('Authorization', `Bearer ${first}`).expect(403);
    await api(app).delete(`/api/tokens/${ofMei[0].id}`).expect(204);
    await request(app).get('/api/me').set('Authorization', `Bearer ${first}`).expect(401);
    await request(app).get('/api/me').set('Authorization', `Bearer ${second}`).expect(200);
    const page = await api(app).get('/admin/users').expect(200);
    expect(page.text).toContain(`/admin/tokens/${ofMei[1].id}/revoke`);
    await api(app).post(`/admin/tokens/${ofMei[1].id}/revoke`).type('form').send({}).expect(303);
    await request(app).get('/api/me').set('Authorization', `Bearer ${second}`).expect(401);
    await api(app).delete(`/api/tokens/${ofMei[1].id}`).expect(404);
  });

  test('the last admin can neither demote nor deactivate themself; with a second admin they can', async () => {
    const { app, services } = testApp();
    api(app); // creates ada, the only admin
    const ada = services.store.users.byName('ada')!;
    const demote = await api(app).put(`/api/users/${ada.id}/role`).send({ role: 'editor' }).expect(409);
    expect(demote.body.error).toMatchObject({ reason: 'last-admin' });
    expect(demote.body.error.message).toContain('only admin');
    await api(app).post(`/admin/users/${ada.id}/role`).type('form').send({ role: 'reviewer' }).expect(409);
    await api(app).post(`/api/users/${ada.id}/deactivate`).expect(409);
    expect(services.store.users.get(ada.id)).toMatchObject({ role: 'admin', deactivatedAt: null });
    await api(app).put(`/api/users/${ada.id}/role`).send({ role: 'boss' }).expect(400);

    await services.accounts.createUser('bea', 'admin', 'a long password');
    expect((await api(app).put(`/api/users/${ada.id}/role`).send({ role: 'editor' }).expect(200)).body).toMatchObject({ name: 'ada', role: 'editor' });
  });
});

describe('the CLI', () => {
  test('deactivates a user, lists and revokes tokens', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-cli-accounts-'));
    const dbFile = path.join(dir, 'calque.db');
    const previous = process.env.CALQUE_DB;
    process.env.CALQUE_DB = dbFile;
    const out: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      let db = openDatabase(dbFile);
      let store = new Store(db);
      const lee = store.users.insert('lee', 'editor', 'no-password');
      const admin = store.users.insert('root', 'admin', 'no-password');
      const token = store.users.createToken(lee.id);
      store.users.createToken(admin.id);
      db.close();
      const { main } = require('../../server/cli') as typeof import('../../server/cli');
      expect(main(['token', 'list'])).toBe(0);
      expect(out.join('')).toMatch(/^1\s+lee\s+made/m);
      expect(main(['token', 'revoke', '1'])).toBe(0);
      expect(out.join('')).toContain('Revoked API token 1.');
      expect(main(['token', 'revoke', '1'])).toBe(1);
      expect(main(['user', 'deactivate', 'lee'])).toBe(0);
      expect(main(['token', 'create', 'lee'])).toBe(1);
      expect(main(['user', 'deactivate', 'root'])).toBe(1);
      expect(out.join('')).toContain('root is the only admin');
      db = openDatabase(dbFile);
      store = new Store(db);
      expect(store.users.byToken(token)).toBeUndefined();
      expect(store.users.get(lee.id)!.deactivatedAt).not.toBeNull();
      expect(store.users.tokens().map((t) => t.userName)).toEqual(['root']);
      db.close();
    } finally {
      process.env.CALQUE_DB = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
