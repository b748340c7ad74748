import request from 'supertest';
import { testApp, api, as } from '../helpers/app';

/**
 * Random strings, bytes and JSON shapes at the import and write endpoints for ~5 seconds: the
 * server may refuse them but never answers 5xx. The seed is printed on failure; set
 * CALQUE_FUZZ_SEED to replay it and CALQUE_FUZZ_MS to run longer.
 */
const SEED = Number(process.env.CALQUE_FUZZ_SEED || Date.now() % 2 ** 31);
const DURATION_MS = Number(process.env.CALQUE_FUZZ_MS || 5000);

jest.setTimeout(DURATION_MS + 30_000);

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const PIECES = ['', ' ', '\n\n', '\r\n', '\t', '\u0000', '\u0007', '\uFEFF', '\uD800', '\uDFFF', '\u202E', '\u0301', '👨‍👩‍👧', '中文。', '。', '.', '!', '?', '"', "'", '<', '>', '&amp;', '&#x0;', '<![CDATA[', ']]>',
  '<script>', '{{', '}}', '${', '%s', '%n', '\\', '/', '../', '%00', 'NaN', 'null', 'true', '-1', '0', '1e309', '99999999999999999999', "' OR 1=1 --", 'mutual cooperation', 'The platform will land.',
  '<xliff version="1.2">', '<trans-unit id="1">', '<source>', '</source>', '<target>', '</target>', '<tmx version="1.4">', '<tu>', '<tuv xml:lang="zh">', '<seg>', '\t', ',', '"a,b"'];

test(`fuzzing the import and write endpoints never gives a 5xx (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)];
  const text = (max = 12): string => Array.from({ length: int(max) }, () => (random() < 0.8 ? pick(PIECES) : String.fromCharCode(int(0x3000)))).join('');
  const bytes = (max = 400) => Buffer.from(Array.from({ length: int(max) }, () => (random() < 0.5 ? int(256) : text(1).charCodeAt(0) & 0xff)));
  const value = (depth = 0): unknown => {
    switch (int(depth > 2 ? 5 : 8)) {
      case 0: return text();
      case 1: return int(3) ? int(10) : pick([-1, 0, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2]);
      case 2: return pick([true, false, null]);
      case 3: return '';
      case 4: return text(40);
      case 5: return Array.from({ length: int(4) }, () => value(depth + 1));
      default: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['title', 'text', 'mtText', 'sourceText', 'baseVersion', 'reason', 'body', '__proto__', 'constructor', text(3)]), value(depth + 1)]));
    }
  };

  const { app, services } = testApp();
  const seeded = await api(app).post('/api/documents').send({ title: 'Fuzz', sourceLang: 'zh', targetLang: 'en', mtText: 'The team carried out mutual cooperation. The platform will land.' }).expect(201);
  const segments = services.store.query.page(seeded.body.id, {}, 10, 0).map((s) => s.id);
  const ids = () => pick([...segments, 0, -1, 999, 'abc', '1e309', text(3) || 'x']);

  // A lone surrogate cannot be percent-encoded: send a malformed escape instead.
  const enc = (v: unknown) => {
    try {
      return encodeURIComponent(String(v));
    } catch {
      return '%ED%A0%80%';
    }
  };
  const failures: string[] = [];
  let requests = 0;
  const end = Date.now() + DURATION_MS;
  while (Date.now() < end && failures.length < 5) {
    const kind = int(7);
    const body = () => (int(4) === 0 ? value() : { title: text(), sourceLang: pick(['zh', 'en', text(2)]), targetLang: pick(['en', 'zh', text(2)]), mtText: text(30), sourceText: text(20), text: text(20), baseVersion: value(2), reason: value(2), body: text(10), ...(value(1) as object) });
    let req: request.Test;
    let what: string;
    if (kind === 0) {
      const b = body();
      req = api(app).post('/api/documents').set('Content-Type', 'application/json').send(JSON.stringify(b));
      what = `POST /api/documents ${JSON.stringify(b).slice(0, 200)}`;
    } else if (kind === 1) {
      const name = `f${pick(['.txt', '.xliff', '.xlf', '.tmx', '.tsv', '.csv', '.docx', '', '.exe', '.TXT'])}`;
      const content = int(2) ? bytes() : Buffer.from(text(60));
      req = api(app).post('/api/documents').field('sourceLang', pick(['zh', text(2) || 'x'])).field('targetLang', 'en').attach('file', content, name);
      what = `upload ${name} ${content.toString('base64').slice(0, 200)}`;
    } else if (kind === 2) {
      const content = bytes();
      req = api(app).post('/documents').field('title', text() || 't').field('sourceLang', 'zh').field('targetLang', 'en').attach(pick(['mtFile', 'sourceFile', 'file']), content, pick(['a.txt', 'a.xliff', 'a.csv']));
      what = `form upload ${content.toString('base64').slice(0, 200)}`;
    } else if (kind === 3) {
      const b = body();
      const id = ids();
      req = api(app).post(`/api/segments/${enc(id)}/proposals`).set('Content-Type', 'application/json').send(JSON.stringify(b));
      what = `propose on ${id}: ${JSON.stringify(b).slice(0, 200)}`;
    } else if (kind === 4) {
      const id = pick([1, 2, 3, 0, 'x', 99]);
      const action = pick(['accept', 'reject', 'undo']);
      const b = body();
      req = api(app).post(`/api/proposals/${id}/${action}`).set('Content-Type', 'application/json').send(JSON.stringify(b));
      what = `${action} ${id}: ${JSON.stringify(b).slice(0, 200)}`;
    } else if (kind === 5) {
      const b = body();
      req = api(app).post(`/api/segments/${enc(ids())}/comments`).set('Content-Type', 'application/json').send(JSON.stringify(b));
      what = `comment ${JSON.stringify(b).slice(0, 200)}`;
    } else {
      const content = int(2) ? bytes(200) : Buffer.from(text(40));
      const type = pick(['application/json', 'application/json; charset=utf-16', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/xml']);
      req = api(app).post(pick(['/api/documents', `/api/segments/${segments[0]}/proposals`, '/documents', `/segments/${segments[0]}/comments`])).set('Content-Type', type).send(content.toString('latin1'));
      what = `raw ${type} ${content.toString('base64').slice(0, 200)}`;
    }
    const res = await req;
    requests++;
    if (res.status >= 500) failures.push(`${res.status} for ${what}: ${res.text.slice(0, 300)}`);
  }
  if (failures.length) throw new Error(`seed ${SEED}, after ${requests} requests:\n${failures.join('\n')}`);
  expect(requests).toBeGreaterThan(100);
  await api(app).get('/api/documents').expect(200);
});
