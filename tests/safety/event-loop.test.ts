import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { FIXTURES, testApp, tokenFor } from '../helpers/app';
import { FlagWork } from '../../server/work/flag-work';
import { docxBomb } from '../../bench/zip';

/**
 * Heavy requests run their parsing and flagging in a worker thread, so the event loop stays free:
 * a request sent while a big import, a huge /api/flag or a zip bomb is being worked on is
 * answered first. (How long it takes is measured by the benchmark, `BENCH_ONLY=latency npm run bench`.)
 */
jest.setTimeout(180_000);

type Built = ReturnType<typeof testApp>;

interface Sent {
  status: number;
  body: any;
  /** process.hrtime of the moment the whole response had arrived. */
  at: bigint;
}

function send(base: string, token: string, method: string, path: string, body?: Buffer, type = 'application/json'): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body) Object.assign(headers, { 'content-type': type, 'content-length': String(body.length) });
    const req = http.request(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text, at: process.hrtime.bigint() });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

function multipart(fields: Record<string, string>, file: Buffer, fileName: string): { body: Buffer; type: string } {
  const boundary = 'calque-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

let built: Built;
let server: http.Server;
let base: string;
let token: string;

beforeAll(async () => {
  built = testApp();
  token = tokenFor(built.app, 'ada');
  server = await new Promise<http.Server>((resolve) => {
    const s = built.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves when the heavy request's work has been handed over (the body is read and parsed by then). */
function whenWorkStarts(method: 'importText' | 'importUpload' | 'flag' | 'flagJson', app: Built = built): Promise<void> {
  const work = app.services.work as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = work[method];
  return new Promise((resolve) => {
    work[method] = function patched(this: unknown, ...args: unknown[]) {
      work[method] = original;
      setImmediate(resolve);
      return original.apply(this, args);
    };
  });
}

/** Sends the heavy request, then an unrelated one once the work has started; returns both. */
async function during(method: 'importText' | 'importUpload' | 'flag' | 'flagJson', heavy: () => Promise<Sent>) {
  const started = whenWorkStarts(method);
  const heavyDone = heavy();
  await started;
  const unrelated = await send(base, token, 'GET', '/api/me');
  return { heavy: await heavyDone, unrelated };
}

const sentences = (n: number) => Array.from({ length: n }, (_, i) => `The team carried out mutual cooperation with ${i} universities and solved ${i % 7} problems.`).join(' ');

test('the work goes to a worker thread', () => {
  expect(built.services.work.offloads).toBe(true);
});

test('a request sent during a big import is answered before the import', async () => {
  const body = Buffer.from(JSON.stringify({ title: 'Big', sourceLang: 'zh', targetLang: 'en', mtText: sentences(20_000) }));
  const { heavy, unrelated } = await during('importText', () => send(base, token, 'POST', '/api/documents', body));
  expect(heavy.status).toBe(201);
  expect(heavy.body.segments).toBe(20_000);
  expect(unrelated.status).toBe(200);
  expect(unrelated.at).toBeLessThan(heavy.at);
});

test('a request sent during a huge /api/flag is answered before it', async () => {
  const body = Buffer.from(JSON.stringify({ text: sentences(30_000) }));
  const { heavy, unrelated } = await during('flagJson', () => send(base, token, 'POST', '/api/flag', body));
  expect(heavy.status).toBe(200);
  expect(heavy.body.length).toBeGreaterThan(0);
  expect(unrelated.status).toBe(200);
  expect(unrelated.at).toBeLessThan(heavy.at);
});

test('a huge /api/flag body holds the event loop up nowhere on its way to the worker', async () => {
  // 20 MB, sent while the event loop's delays are measured: every middleware before the worker
  // (body reading, Unicode checks, the request log) must treat the body as bytes, not walk it.
  const body = Buffer.from(JSON.stringify({ text: sentences(200_000) }));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const done = await send(base, token, 'POST', '/api/flag', body);
  delay.disable();
  expect(done.status).toBe(200);
  // The longest stall, in ms: a walk over the 20 million bytes took seconds.
  expect(Math.round(delay.max / 1e6)).toBeLessThan(1_000);
}, 300_000);

test('a request sent during a zip bomb upload is answered before it', async () => {
  // A 60 MB document part: within the part limit, so it is read until the text limit stops it.
  const { body, type } = multipart({ sourceLang: 'zh', targetLang: 'en' }, await docxBomb(60 * 1024 * 1024), 'bomb.docx');
  const { heavy, unrelated } = await during('importUpload', () => send(base, token, 'POST', '/api/documents', body, type));
  expect(heavy.status).toBe(400);
  expect(heavy.body.error.reason).toBe('text-too-long');
  expect(unrelated.status).toBe(200);
  expect(unrelated.at).toBeLessThan(heavy.at);
});

test('the worker gives the same findings and errors as the event loop', async () => {
  const text = sentences(2_000);
  const inline = built.services.flagger.flag({ text });
  const viaWorker = await built.services.work.flag({ text });
  expect(viaWorker).toEqual(inline);
  const binary = Buffer.alloc(100_000, 0);
  await expect(built.services.work.importUpload(built.services.store, binary, 'notes.txt', { sourceLang: 'zh', targetLang: 'en' }, built.services.config.limits, 'ada'))
    .rejects.toMatchObject({ status: 400, reason: 'unsupported-format' });
});

test('the consistency re-check of a long document after an edit runs in the worker and is stored', async () => {
  const source = Array.from({ length: 600 }, () => '本公司保留最终解释权。').join('\n\n');
  const mt = Array.from({ length: 600 }, () => 'The company reserves the right of final interpretation.').join('\n\n');
  const body = Buffer.from(JSON.stringify({ title: 'Terms', sourceLang: 'zh', targetLang: 'en', sourceText: source, mtText: mt }));
  const doc = await send(base, token, 'POST', '/api/documents', body);
  expect(doc.status).toBe(201);
  const { store, work } = built.services;
  const first = store.query.page(doc.body.id, {}, 1, 0)[0];
  let offloaded = 0;
  const original = work.flagDocument.bind(work);
  work.flagDocument = (segments) => {
    offloaded++;
    return original(segments);
  };
  try {
    const proposal = await send(base, token, 'POST', `/api/segments/${first.id}/proposals`, Buffer.from(JSON.stringify({ text: 'We keep the final say on these terms.', baseVersion: first.version })));
    expect(proposal.status).toBe(201);
    expect((await send(base, token, 'POST', `/api/proposals/${proposal.body.id}/accept`, Buffer.from('{}'))).status).toBe(200);
    const flagged = () => store.findings.forSegment(first.id).some((f) => f.field === 'text' && f.ruleId === 'inconsistent-translation');
    for (let waited = 0; !flagged() && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(flagged()).toBe(true);
    expect(offloaded).toBe(1);
  } finally {
    work.flagDocument = original;
  }
});

test('a big /api/flag body is parsed in the worker with the same errors as a small one', async () => {
  const padding = 'x'.repeat(2 * 1024 * 1024);
  const notJson = await send(base, token, 'POST', '/api/flag', Buffer.from(`{"text": "${padding}`));
  expect(notJson.status).toBe(400);
  expect(notJson.body.error.reason).toBe('invalid-json');
  const notUtf8 = await send(base, token, 'POST', '/api/flag', Buffer.concat([Buffer.from(`{"text": "${padding}`), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
  expect(notUtf8.status).toBe(400);
  expect(notUtf8.body.error.reason).toBe('invalid-encoding');
  const noText = await send(base, token, 'POST', '/api/flag', Buffer.from(JSON.stringify({ source: padding })));
  expect(noText.status).toBe(400);
  expect(noText.body.error.reason).toBe('invalid-field');
  const ok = await send(base, token, 'POST', '/api/flag', Buffer.from(JSON.stringify({ text: `${padding} We will empower the industry.` })));
  expect(ok.status).toBe(200);
  expect(Array.isArray(ok.body)).toBe(true);
});

describe('on a database file', () => {
  // The deployed case: the worker stores a big import itself, on its own connection.
  let fileApp: Built;
  let fileServer: http.Server;
  let fileBase: string;
  let fileToken: string;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-event-loop-'));
    const dbFile = path.join(dir, 'calque.db');
    const config = { ...loadConfig({}), dbFile, rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' };
    const db = openDatabase(dbFile);
    const app = createApp({ config, db });
    fileApp = { app, db, services: app.locals.services };
    fileToken = tokenFor(app, 'ada');
    fileServer = await new Promise<http.Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    fileBase = `http://127.0.0.1:${(fileServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => fileServer.close(resolve));
    fileApp.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a big import is stored by the worker, and a request sent meanwhile is answered first', async () => {
    const body = Buffer.from(JSON.stringify({ title: 'Big file', sourceLang: 'zh', targetLang: 'en', mtText: sentences(20_000) }));
    const started = whenWorkStarts('importText', fileApp);
    const heavyDone = send(fileBase, fileToken, 'POST', '/api/documents', body);
    await started;
    const unrelated = await send(fileBase, fileToken, 'GET', '/api/me');
    const heavy = await heavyDone;
    expect(heavy.status).toBe(201);
    expect(unrelated.at).toBeLessThan(heavy.at);
    // What the worker wrote is what the server reads: the summary, the segments, the event.
    expect(heavy.body).toMatchObject({ title: 'Big file', segments: 20_000 });
    const { store } = fileApp.services;
    expect(store.segments.count(heavy.body.id)).toBe(20_000);
    expect(store.query.page(heavy.body.id, {}, 1, 0)[0].text).toMatch(/^The team carried out mutual cooperation with 0 universities/);
    expect(store.findings.forSegment(store.query.page(heavy.body.id, {}, 1, 0)[0].id).length).toBeGreaterThan(0);
    expect(store.events.forDocument(heavy.body.id, 10).map((e) => e.action)).toContain('document.imported');
    const home = await send(fileBase, fileToken, 'GET', '/api/documents');
    expect(home.body.map((d: { title: string }) => d.title)).toContain('Big file');
  });

  test('a bad big upload is refused by the worker and stores nothing', async () => {
    const before = fileApp.services.store.documents.list().length;
    const res = await send(fileBase, fileToken, 'POST', '/api/documents', Buffer.from(JSON.stringify({ title: 'Bad', sourceLang: 'zh', targetLang: 'en', mtText: 'x'.repeat(100_000), sourceText: 12 })));
    expect(res.status).toBe(400);
    expect(res.body.error.reason).toBe('invalid-field');
    expect(fileApp.services.store.documents.list().length).toBe(before);
  });
});

test('when a worker cannot start, the work runs on the event loop with the same result', async () => {
  const { flagger } = built.services;
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    // The worker cannot load rule packs from a directory that does not exist.
    const work = new FlagWork(flagger, { workers: 1, dirs: { rulesDir: path.join(os.tmpdir(), 'calque-no-such-rules'), lexiconDir: '' } });
    expect(work.offloads).toBe(true);
    const text = sentences(2_000);
    expect(await work.flag({ text })).toEqual(flagger.flag({ text }));
    expect(await work.flag({ text })).toEqual(flagger.flag({ text }));
    expect(spy).toHaveBeenCalledWith(expect.stringMatching(/worker threads are unavailable/));
    await work.close();
  } finally {
    spy.mockRestore();
  }
});
