import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { FIXTURES } from '../helpers/app';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN, type ServerProcess, provisionAdmin } from '../helpers/server-process';

jest.setTimeout(60_000);

const ATTEMPTS = 50;

/** A one-segment document with 50 pending proposals, all made on version 1. */
async function prepare(url: string): Promise<{ segmentId: number; proposals: number[]; documentId: number }> {
  const doc = await call(url, 'POST', '/api/documents', { title: 'Race', sourceLang: 'zh', targetLang: 'en', mtText: 'The team carried out mutual cooperation.' });
  expect(doc.status).toBe(201);
  const segments = await call(url, 'GET', `/api/documents/${doc.body.id}/segments`);
  const segmentId = segments.body[0].id as number;
  const proposals: number[] = [];
  for (let i = 0; i < ATTEMPTS; i++) {
    const p = await call(url, 'POST', `/api/segments/${segmentId}/proposals`, { text: `The team cooperated (take ${i}).`, baseVersion: 1, author: `reviewer-${i}` });
    expect(p.status).toBe(201);
    proposals.push(p.body.id);
  }
  return { segmentId, proposals, documentId: doc.body.id };
}

/** Fires every accept at once (each on its own connection) and checks that exactly one won. */
async function race(urls: string[], { segmentId, proposals, documentId }: Awaited<ReturnType<typeof prepare>>) {
  const fresh = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const replies = await Promise.all(proposals.map((id, i) => new Promise<{ status: number; body: any; id: number }>((resolve, reject) => {
    const req = http.request(`${urls[i % urls.length]}/api/proposals/${id}/accept`, { method: 'POST', agent: fresh, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text), id }));
    });
    req.on('error', reject);
    req.end();
  })));
  const statuses = replies.map((r) => r.status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(ATTEMPTS - 1);
  const winner = replies.find((r) => r.status === 200)!;
  for (const r of replies.filter((x) => x.status === 409)) {
    expect(r.body.error).toMatchObject({ reason: 'stale-proposal', message: expect.any(String) });
  }

  const segment = (await call(urls[0], 'GET', `/api/segments/${segmentId}`)).body;
  expect(segment.version).toBe(2);
  expect(segment.text).toBe(winner.body.proposal.text);
  expect(segment.proposals.filter((p: { state: string }) => p.state === 'accepted').map((p: { id: number }) => p.id)).toEqual([winner.id]);

  const events = (await call(urls[0], 'GET', `/api/documents/${documentId}/events`)).body as Array<{ action: string; proposalId: number }>;
  const accepted = events.filter((e) => e.action === 'proposal.accepted');
  const refused = events.filter((e) => e.action === 'proposal.accept-refused');
  expect(accepted.map((e) => e.proposalId)).toEqual([winner.id]);
  expect(refused).toHaveLength(ATTEMPTS - 1);
  expect(new Set([...accepted, ...refused].map((e) => e.proposalId))).toEqual(new Set(proposals));
  return statuses;
}

test('50 concurrent accepts of conflicting proposals over HTTP: one wins, 49 get 409, all 50 are logged', async () => {
  const dir = tempDir('race');
  const db = openDatabase(path.join(dir, 'calque.db'));
  const app = createApp({ config: { ...loadConfig({}), dbFile: path.join(dir, 'calque.db'), rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' }, db });
  await provisionAdmin(app);
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await race([url], await prepare(url));
  } finally {
    await new Promise((resolve) => server.close(resolve));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the same race across three server processes sharing one SQLite file', async () => {
  const dir = tempDir('race-procs');
  const dbFile = path.join(dir, 'calque.db');
  const servers: ServerProcess[] = [];
  try {
    // The first one creates and seeds the database; the others open it.
    servers.push(await startServer(dbFile));
    servers.push(...await Promise.all([startServer(dbFile), startServer(dbFile)]));
    const urls = servers.map((s) => s.url);
    const statuses = await race(urls, await prepare(urls[0]));
    expect(statuses.some((s) => s >= 500)).toBe(false);
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
    expect(await Promise.all(servers.map((s) => s.exited))).toEqual(servers.map(() => 0));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a database locked longer than busy_timeout is a 503 with Retry-After, never a 500', async () => {
  const dir = tempDir('busy');
  const dbFile = path.join(dir, 'calque.db');
  const db = openDatabase(dbFile);
  const app = createApp({ config: { ...loadConfig({}), dbFile, rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' }, db });
  await provisionAdmin(app);
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const other = openDatabase(dbFile);
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { segmentId } = await prepareOne(url);
    db.pragma('busy_timeout = 100');
    other.exec('BEGIN IMMEDIATE');
    const res = await call(url, 'POST', `/api/segments/${segmentId}/proposals`, { text: 'Blocked.', baseVersion: 1 });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body.error).toMatchObject({ reason: 'busy', message: expect.any(String) });
    other.exec('ROLLBACK');
    expect((await call(url, 'POST', `/api/segments/${segmentId}/proposals`, { text: 'Unblocked.', baseVersion: 1 })).status).toBe(201);
  } finally {
    other.close();
    await new Promise((resolve) => server.close(resolve));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function prepareOne(url: string): Promise<{ segmentId: number }> {
  const doc = await call(url, 'POST', '/api/documents', { title: 'Busy', sourceLang: 'zh', targetLang: 'en', mtText: 'One sentence.' });
  const segments = await call(url, 'GET', `/api/documents/${doc.body.id}/segments`);
  return { segmentId: segments.body[0].id };
}
