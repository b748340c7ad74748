/**
 * `BENCH_ONLY=latency npm run bench`: how long an unrelated request (GET /api/me) takes while one
 * user sends a heavy one — a big import, a huge POST /api/flag, a .docx zip bomb, reading every
 * row of a 200,000-segment document. The unrelated
 * request is sent every 25 ms for as long as the heavy one runs; the figures are its median and
 * worst time, beside the same request on an idle server (the baseline). Target: under 100 ms.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { generateCorpus } from './generate';
import { BENCH_TOKEN } from './token';
import { docxBomb } from './zip';
import { openDatabase } from '../server/db/connection';
import { Store } from '../server/db/store';
import { now } from '../server/db/time';
import type { Row } from './row';


interface Sent {
  status: number;
  ms: number;
  body: string;
}

function send(port: number, method: string, urlPath: string, body?: Buffer, type = 'application/json'): Promise<Sent> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${BENCH_TOKEN}` };
    if (body) Object.assign(headers, { 'content-type': type, 'content-length': body.length });
    // A fresh connection each time: a kept-alive socket would queue behind nothing, but say nothing either.
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8').slice(0, 300) }));
      res.on('error', reject);
    });
    req.setTimeout(300_000, () => req.destroy(new Error(`timeout: ${method} ${urlPath}`)));
    req.on('error', reject);
    req.end(body);
  });
}

function startApp(dist: string, dbFile: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const child = fork(path.join(dist, 'server-child.js'), ['app'], {
    env: { ...process.env, CALQUE_DB: dbFile, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`app server exited with ${code}`)));
    child.once('message', (msg: { port: number }) => resolve({
      port: msg.port,
      stop: () => new Promise((res) => {
        child.removeAllListeners('exit');
        child.once('exit', () => res());
        child.send('stop');
        setTimeout(() => child.kill('SIGTERM'), 5000).unref();
      }),
    }));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `heavy`, and GET /api/me every 25 ms until it answers; returns both sides' figures. */
async function during(port: number, heavy: () => Promise<Sent>): Promise<{ heavy: Sent; times: number[] }> {
  let done = false;
  const heavyDone = heavy().finally(() => {
    done = true;
  });
  const times: number[] = [];
  await sleep(50);
  while (!done) {
    // Every request sent while the heavy one runs counts, also one that waits until it is over.
    const r = await send(port, 'GET', '/api/me');
    if (r.status !== 200) throw new Error(`GET /api/me: ${r.status} ${r.body}`);
    times.push(r.ms);
    await sleep(25);
  }
  return { heavy: await heavyDone, times };
}

function multipart(fields: Record<string, string>, file: Buffer, fileName: string): { body: Buffer; type: string } {
  const boundary = 'calque-bench-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** A document of `count` segments written straight into the database file, before the server starts. */
function hugeDocument(dbFile: string, count: number): number {
  const db = openDatabase(dbFile);
  try {
    const store = new Store(db);
    return store.transaction(() => {
      const id = store.documents.insert({ title: 'Huge', sourceLang: 'zh', targetLang: 'en', hasSource: true, format: 'txt', createdBy: 'bench' });
      const at = now();
      for (let i = 0; i < count; i++) store.segments.insert(id, { index: i, paragraph: i, source: `源文本 ${i}`, mt: `Machine translation number ${i}.` }, 4, at);
      return id;
    });
  } finally {
    db.close();
  }
}

/** Reads every row of a document the way a client must: page after page, following the next link. */
async function readAll(port: number, documentId: number): Promise<Sent> {
  const t0 = performance.now();
  let next: string | undefined = `/api/documents/${documentId}/segments?limit=2000`;
  let rows = 0;
  let status = 200;
  while (next) {
    const res = await new Promise<{ status: number; link?: string; count: number }>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: next, headers: { authorization: `Bearer ${BENCH_TOKEN}` }, agent: false }, (r) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, link: typeof r.headers.link === 'string' ? r.headers.link : undefined, count: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[]).length }));
      }).on('error', reject);
    });
    status = res.status;
    rows += res.count;
    next = res.link ? /^<([^>]+)>/.exec(res.link)?.[1] : undefined;
  }
  return { status, ms: performance.now() - t0, body: `${rows} rows` };
}

export async function benchLatency(dist: string, tmp: string, scale: number, record: (row: Row) => void): Promise<Record<string, unknown>> {
  const dbFile = path.join(tmp, 'latency.db');
  const hugeSegments = Math.round(200_000 * Math.min(scale, 1));
  const hugeId = hugeDocument(dbFile, hugeSegments);
  const app = await startApp(dist, dbFile);
  const info: Record<string, unknown> = {};
  try {
    const { port } = app;
    // Idle: the same request with nothing else running (after the worker has warmed up).
    for (let i = 0; i < 20; i++) await send(port, 'GET', '/api/me');
    const idle: number[] = [];
    for (let i = 0; i < 50; i++) idle.push((await send(port, 'GET', '/api/me')).ms);
    const idleMs = median(idle);

    const corpus = generateCorpus(Math.round(50_000 * scale), 11);
    const importBody = Buffer.from(JSON.stringify({ title: 'Latency', sourceLang: 'zh', targetLang: 'en', sourceText: corpus.zhText, mtText: corpus.enText }));
    // Just under the 30 MB body limit (at BENCH_SCALE=1): the English text repeated.
    const flagChars = Math.floor(29 * 1024 * 1024 * Math.min(scale, 1));
    let flagText = corpus.enText;
    while (flagText.length < flagChars) flagText += corpus.enText;
    const flagBody = Buffer.from(JSON.stringify({ text: flagText.slice(0, flagChars) }));
    const bomb = multipart({ sourceLang: 'zh', targetLang: 'en' }, await docxBomb(300 * 1024 * 1024), 'bomb.docx');
    const readBomb = multipart({ sourceLang: 'zh', targetLang: 'en' }, await docxBomb(60 * 1024 * 1024), 'bomb-60mb.docx');
    const cases: [string, () => Promise<Sent>, number][] = [
      [`import of ${(importBody.length / 1024 / 1024).toFixed(1)} MB`, () => send(port, 'POST', '/api/documents', importBody), 201],
      [`/api/flag of ${(flagBody.length / 1024 / 1024).toFixed(1)} MB`, () => send(port, 'POST', '/api/flag', flagBody), 200],
      ['zip bomb (300 MB part)', () => send(port, 'POST', '/api/documents', bomb.body, bomb.type), 413],
      ['zip bomb (60 MB part, read to the text limit)', () => send(port, 'POST', '/api/documents', readBomb.body, readBomb.type), 400],
      [`every row of a ${hugeSegments.toLocaleString('en')}-segment document, 2,000 a page`, () => readAll(port, hugeId), 200],
    ];
    for (const [name, heavy, status] of cases) {
      console.error(`latency: ${name}…`);
      const { heavy: answer, times } = await during(port, heavy);
      if (answer.status !== status) throw new Error(`${name}: expected ${status}, got ${answer.status} ${answer.body}`);
      const worst = times.length ? Math.max(...times) : NaN;
      info[name] = { heavyMs: Math.round(answer.ms), unrelatedRequests: times.length };
      record({ benchmark: 'latency', metric: `${name}: heavy request`, value: answer.ms / 1000, unit: 's' });
      if (times.length === 0) continue;
      record({ benchmark: 'latency', metric: `${name}: GET /api/me median`, value: median(times), unit: 'ms', baseline: idleMs, ratio: median(times) / idleMs });
      record({ benchmark: 'latency', metric: `${name}: GET /api/me worst`, value: worst, unit: 'ms', baseline: idleMs, ratio: worst / idleMs, target: '< 100 ms', met: worst < 100 });
    }
  } finally {
    await app.stop();
  }
  return info;
}
