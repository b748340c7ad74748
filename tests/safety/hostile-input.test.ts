import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { testApp, api, tokenFor } from '../helpers/app';

/**
 * Bad and hostile input against every import and write endpoint. Each case must end in a clear
 * 4xx with the error contract {error: {reason, message}} and store nothing, or be stored exactly.
 */
jest.setTimeout(60_000);

// Small limits where the case is about a limit, so the table runs in seconds; the defaults are
// the same code path with bigger numbers.
const { app, services } = testApp({ CALQUE_MAX_SEGMENTS: '20000' });
const { store } = services;
type App = typeof app;

let segmentId: number;
let proposalId: number;
let findingId: number;
let documentId: number;

let server: http.Server;
let base: string;

interface Res {
  status: number;
  type: string;
  text: string;
  body: any;
  url: string;
}

beforeAll(async () => {
  server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const doc = await api(app).post('/api/documents').send({ title: 'Target', sourceLang: 'zh', targetLang: 'en', mtText: 'The team carried out mutual cooperation.' }).expect(201);
  documentId = doc.body.id;
  const segment = store.query.page(documentId, {}, 1, 0)[0];
  segmentId = segment.id;
  findingId = store.findings.forSegment(segmentId)[0].id;
  proposalId = (await api(app).post(`/api/segments/${segmentId}/proposals`).send({ text: 'The team cooperated.', baseVersion: 1 }).expect(201)).body.id;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** supertest serialises a Buffer body itself (as JSON or a query string), so raw bodies go out through node:http. */
const rawToken = tokenFor(app, 'ada');

function rawRequest(path: string, body: string | Buffer, type: string): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(base + path, { method: 'POST', headers: { ...(type ? { 'content-type': type } : {}), 'content-length': String(payload.length), authorization: `Bearer ${rawToken}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const mime = (res.headers['content-type'] ?? '').split(';')[0];
        resolve({ status: res.statusCode!, type: mime, text, body: mime === 'application/json' ? JSON.parse(text) : {}, url: path });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const viaSupertest = (test: request.Test): Promise<Res> => test.then((r) => ({ status: r.status, type: r.type, text: r.text, body: r.body, url: (r as unknown as { req: { path: string } }).req.path }));

function counts() {
  const n = (table: string) => (store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { documents: n('documents'), segments: n('segments'), proposals: n('proposals'), comments: n('comments'), findings: n('findings'), dismissals: n('dismissals') };
}

const json = (path: string, body: unknown) => (a: App) => api(a).post(path).send(body as object);
const raw = (path: string, body: string | Buffer, type: string) => (_a: App) => rawRequest(path, body, type);
const upload = (path: string, field: string, bytes: Buffer, name: string, fields: Record<string, string> = {}) => (a: App) => {
  let r = api(a).post(path);
  for (const [k, v] of Object.entries(fields)) r = r.field(k, v);
  return r.attach(field, bytes, name);
};
const doc = (over: Record<string, unknown>) => ({ title: 'Hostile', sourceLang: 'zh', targetLang: 'en', mtText: 'Text.', ...over });
const LANGS = { sourceLang: 'zh', targetLang: 'en' };

const EMOJI = 'Family 👨‍👩‍👧‍👦, flags 🇨🇳🇬🇧, skin tones 👍🏽.';
const COMBINING = 'Zalgo: Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇; decomposed é vs é.';
const RTL = 'Arabic: مرحبا بالعالم. Hebrew: שלום עולם. Override: \u202Eevil\u202C text.';
const SQL = `Robert'); DROP TABLE segments; -- and " OR 1=1 -- and %_\\`;
const BIG_BODY = Buffer.alloc(50 * 1024 * 1024, 'a');
const ONE_MB_LINE = 'word '.repeat(200_000).trim();
const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<xliff version="1.2"><file source-language="zh" target-language="en"><body><trans-unit id="1"><source>&lol9;</source><target>&lol9;</target></trans-unit></body></file></xliff>`;
const DEEP_XML = `<xliff version="1.2"><file source-language="zh" target-language="en"><body>${'<group>'.repeat(50_000)}${'</group>'.repeat(50_000)}</body></file></xliff>`;
const DEEP_JSON = '['.repeat(100_000) + ']'.repeat(100_000);
const INVALID_UTF8 = Buffer.concat([Buffer.from('{"title":"Bad '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('","sourceLang":"zh","targetLang":"en","mtText":"x."}')]);
const UTF16_JSON = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(doc({})), 'utf16le')]);
const UTF16_TEXT = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 text with a BOM: 你好, ok.', 'utf16le')]);
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
const TINY_PARAGRAPHS = Array.from({ length: 100_000 }, (_, i) => `P${i}.`).join('\n\n');

interface Case {
  name: string;
  send: (a: App) => request.Test | Promise<Res>;
  /** An expected refusal (status, and the reason when it matters)... */
  status?: number;
  reason?: string;
  /** ...or an accepted write whose stored text must round-trip exactly. */
  stored?: { status: number; check: (body: any) => void };
}

const ABSURD_IDS = ['0', '-1', '1e309', '99999999999999999999', 'abc', '%2E%2E%2Fetc', '1.5', '0x10', "1'%20OR%20'1'='1"];

const cases: Case[] = [
  // POST /api/documents (JSON)
  { name: 'documents: empty JSON body', send: raw('/api/documents', '', 'application/json'), status: 400 },
  { name: 'documents: whitespace-only body', send: raw('/api/documents', ' \n\t  ', 'application/json'), status: 400, reason: 'invalid-json' },
  { name: 'documents: whitespace-only texts', send: json('/api/documents', doc({ title: ' \u00a0\t', mtText: '\n \u3000 \n' })), status: 400 },
  { name: 'documents: binary body as JSON', send: raw('/api/documents', BINARY, 'application/json'), status: 400 },
  { name: 'documents: invalid UTF-8 in JSON', send: raw('/api/documents', INVALID_UTF8, 'application/json'), status: 400, reason: 'invalid-encoding' },
  { name: 'documents: UTF-16 JSON without a charset', send: raw('/api/documents', UTF16_JSON, 'application/json'), status: 400 },
  { name: 'documents: 50 MB body', send: raw('/api/documents', BIG_BODY, 'application/json'), status: 413, reason: 'too-large' },
  { name: 'documents: oversized JSON (31 MB string)', send: json('/api/documents', doc({ mtText: 'a'.repeat(31 * 1024 * 1024) })), status: 413, reason: 'too-large' },
  { name: 'documents: deeply nested JSON', send: raw('/api/documents', DEEP_JSON, 'application/json'), status: 400 },
  { name: 'documents: JSON array', send: json('/api/documents', [doc({})]), status: 400 },
  { name: 'documents: JSON null', send: raw('/api/documents', 'null', 'application/json'), status: 400 },
  { name: 'documents: fields of the wrong type', send: json('/api/documents', doc({ title: { $gt: '' }, mtText: ['a'] })), status: 400, reason: 'invalid-field' },
  { name: 'documents: 301-character title', send: json('/api/documents', doc({ title: 'x'.repeat(301) })), status: 400 },
  { name: 'documents: injected language code', send: json('/api/documents', doc({ sourceLang: "zh'; DROP TABLE documents; --" })), status: 400, reason: 'invalid-language' },
  { name: 'documents: 100,000 tiny paragraphs (limit 20,000 segments)', send: json('/api/documents', doc({ mtText: TINY_PARAGRAPHS })), status: 400, reason: 'too-many-segments' },
  { name: 'documents: text/plain', send: raw('/api/documents', 'Just some text.', 'text/plain'), status: 415, reason: 'unsupported-media-type' },
  { name: 'documents: XML body', send: raw('/api/documents', '<doc><title>x</title></doc>', 'application/xml'), status: 415, reason: 'unsupported-media-type' },
  { name: 'documents: urlencoded body', send: raw('/api/documents', 'title=x&mtText=y', 'application/x-www-form-urlencoded'), status: 415 },
  { name: 'documents: JSON in latin1', send: raw('/api/documents', JSON.stringify(doc({})), 'application/json; charset=latin1'), status: 415 },
  { name: 'documents: no content type', send: raw('/api/documents', '{"title":"x"}', ''), status: 415 },
  { name: 'documents: control characters are dropped, the rest kept', send: json('/api/documents', doc({ title: 'Ctl\u0000\u0007\u001b title', mtText: 'Bell\u0007 and\u0000 null\u001b[31m red.' })),
    stored: { status: 201, check: (body) => {
      expect(body.title).toBe('Ctl title');
      expect(store.query.page(body.id, {}, 10, 0).map((s) => s.text).join(' ')).toBe('Bell and null[31m red.');
    } } },
  ...[['emoji', EMOJI], ['combining marks', COMBINING], ['right-to-left text', RTL], ['SQL metacharacters', SQL]].map(([what, text]): Case => ({
    name: `documents: ${what} round-trip`, send: json('/api/documents', doc({ title: text, mtText: text, sourceText: text })),
    stored: { status: 201, check: (body) => {
      expect(body.title).toBe(text);
      const segments = store.query.page(body.id, {}, 100, 0);
      expect(segments.map((s) => s.mt).join(' ')).toBe(text);
      expect(segments.map((s) => s.source).join(' ')).toBe(text);
    } },
  })),
  { name: 'documents: a single 1 MB line is stored exactly', send: json('/api/documents', doc({ mtText: ONE_MB_LINE })),
    stored: { status: 201, check: (body) => expect(store.query.page(body.id, {}, 10_000, 0).map((s) => s.mt).join(' ')).toBe(ONE_MB_LINE) } },
  { name: 'documents: mismatched source and MT sizes', send: json('/api/documents', doc({ sourceText: '一句话。', mtText: Array.from({ length: 3000 }, (_, i) => `Line ${i}.`).join('\n\n') })),
    stored: { status: 201, check: (body) => expect(store.query.page(body.id, {}, 10_000, 0).map((s) => s.mt).join(' ')).toBe(Array.from({ length: 3000 }, (_, i) => `Line ${i}.`).join(' ')) } },

  // POST /api/documents (multipart `file`)
  { name: 'upload: empty file', send: upload('/api/documents', 'file', Buffer.alloc(0), 'empty.txt', LANGS), status: 400 },
  { name: 'upload: whitespace-only file', send: upload('/api/documents', 'file', Buffer.from(' \n \t\n'), 'blank.txt', LANGS), status: 400 },
  { name: 'upload: binary file named .txt', send: upload('/api/documents', 'file', BINARY, 'photo.txt', LANGS), status: 400 },
  { name: 'upload: invalid UTF-8', send: upload('/api/documents', 'file', Buffer.from([0x48, 0x69, 0xc3, 0x28, 0x2e]), 'bad.txt', LANGS), status: 400, reason: 'invalid-encoding' },
  { name: 'upload: billion laughs .xliff', send: upload('/api/documents', 'file', Buffer.from(BILLION_LAUGHS), 'lol.xliff'), status: 400 },
  { name: 'upload: deeply nested .xliff', send: upload('/api/documents', 'file', Buffer.from(DEEP_XML), 'deep.xliff'), status: 400 },
  { name: 'upload: 26 MB file', send: upload('/api/documents', 'file', Buffer.alloc(26 * 1024 * 1024, 'a'), 'big.txt', LANGS), status: 413, reason: 'too-large' },
  { name: 'upload: two files', send: (a) => api(a).post('/api/documents').attach('file', Buffer.from('a.'), 'a.txt').attach('file', Buffer.from('b.'), 'b.txt'), status: 400 },
  { name: 'upload: unexpected field name', send: upload('/api/documents', 'other', Buffer.from('Hi.'), 'a.txt', LANGS), status: 400 },
  { name: 'upload: multipart without a boundary', send: raw('/api/documents', 'garbage', 'multipart/form-data'), status: 400 },
  { name: 'upload: truncated multipart', send: raw('/api/documents', '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc', 'multipart/form-data; boundary=XyZ'), status: 400 },
  { name: 'upload: path traversal file name', send: upload('/api/documents', 'file', Buffer.from('Hello there.'), '../../etc/passwd', LANGS),
    stored: { status: 201, check: (body) => expect(body.title).toBe('passwd') } },
  { name: 'upload: UTF-16 with BOM round-trips', send: upload('/api/documents', 'file', UTF16_TEXT, 'utf16.txt', LANGS),
    stored: { status: 201, check: (body) => expect(store.query.page(body.id, {}, 10, 0).map((s) => s.mt).join(' ')).toBe('UTF-16 text with a BOM: 你好, ok.') } },

  // POST /documents (the HTML form, multipart with mtFile / sourceFile / file)
  { name: 'form: empty', send: (a) => api(a).post('/documents').type('form').send(''), status: 400 },
  { name: 'form: binary mtFile', send: upload('/documents', 'mtFile', BINARY, 'mt.txt', { title: 'x', ...LANGS }), status: 400 },
  { name: 'form: invalid UTF-8 mtFile', send: upload('/documents', 'mtFile', Buffer.from([0xff, 0xfe, 0xfd, 0x41]).subarray(2), 'mt.txt', { title: 'x', ...LANGS }), status: 400 },
  { name: 'form: billion laughs file', send: upload('/documents', 'file', Buffer.from(BILLION_LAUGHS), 'lol.xliff'), status: 400 },
  { name: 'form: 26 MB mtFile', send: upload('/documents', 'mtFile', Buffer.alloc(26 * 1024 * 1024, 'a'), 'big.txt', { title: 'x', ...LANGS }), status: 413 },
  { name: 'form: 50 MB urlencoded body', send: raw('/documents', BIG_BODY, 'application/x-www-form-urlencoded'), status: 413 },

  // POST /api/segments/:id/proposals
  ...ABSURD_IDS.map((id): Case => ({ name: `proposals: segment id ${decodeURIComponent(id)}`, send: (a) => json(`/api/segments/${id}/proposals`, { text: 'x', baseVersion: 1 })(a), status: 400, reason: 'invalid-id' })),
  { name: 'proposals: no such segment', send: (a) => json('/api/segments/987654/proposals', { text: 'x', baseVersion: 1 })(a), status: 404 },
  { name: 'proposals: empty body', send: (a) => raw(`/api/segments/${segmentId}/proposals`, '', 'application/json')(a), status: 400 },
  { name: 'proposals: text is a number', send: (a) => json(`/api/segments/${segmentId}/proposals`, { text: 42, baseVersion: 1 })(a), status: 400 },
  { name: 'proposals: 1 MB text', send: (a) => json(`/api/segments/${segmentId}/proposals`, { text: ONE_MB_LINE, baseVersion: 1 })(a), status: 400, reason: 'text-too-long' },
  { name: 'proposals: baseVersion 1e309', send: (a) => raw(`/api/segments/${segmentId}/proposals`, '{"text":"x","baseVersion":1e309}', 'application/json')(a), status: 400 },
  { name: 'proposals: baseVersion as SQL', send: (a) => json(`/api/segments/${segmentId}/proposals`, { text: 'x', baseVersion: '1 OR 1=1' })(a), status: 400 },
  { name: 'proposals: text/plain', send: (a) => raw(`/api/segments/${segmentId}/proposals`, 'text', 'text/plain')(a), status: 415 },
  { name: 'proposals: emoji, combining marks and RTL round-trip', send: (a) => json(`/api/segments/${segmentId}/proposals`, { text: `${EMOJI} ${COMBINING} ${RTL} ${SQL}`, baseVersion: 1 })(a),
    stored: { status: 201, check: (body) => expect(store.proposals.get(body.id)!.text).toBe(`${EMOJI} ${COMBINING} ${RTL} ${SQL}`) } },

  // POST /api/proposals/:id/accept and /reject
  ...ABSURD_IDS.slice(0, 6).map((id): Case => ({ name: `accept: proposal id ${decodeURIComponent(id)}`, send: (a) => api(a).post(`/api/proposals/${id}/accept`), status: 400, reason: 'invalid-id' })),
  { name: 'accept: no such proposal', send: (a) => api(a).post('/api/proposals/987654/accept'), status: 404 },
  { name: 'accept: XML body', send: (a) => raw(`/api/proposals/${proposalId}/accept`, '<accept/>', 'application/xml')(a), status: 415 },
  { name: 'reject: proposal id abc', send: (a) => json('/api/proposals/abc/reject', { reason: 'x' })(a), status: 400 },
  { name: 'reject: reason is an object', send: (a) => json(`/api/proposals/${proposalId}/reject`, { reason: { toString: 'x' } })(a), status: 400 },
  { name: 'reject: invalid UTF-8 reason', send: (a) => raw(`/api/proposals/${proposalId}/reject`, Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), 'application/json')(a), status: 400 },

  // POST /api/segments/:id/comments
  { name: 'comments: empty body', send: (a) => raw(`/api/segments/${segmentId}/comments`, '', 'application/json')(a), status: 400 },
  { name: 'comments: whitespace only', send: (a) => json(`/api/segments/${segmentId}/comments`, { body: ' \n\t\u3000 ' })(a), status: 400 },
  { name: 'comments: control characters only', send: (a) => json(`/api/segments/${segmentId}/comments`, { body: '\u0000\u0001\u0007' })(a), status: 400 },
  { name: 'comments: 1 MB body', send: (a) => json(`/api/segments/${segmentId}/comments`, { body: ONE_MB_LINE })(a), status: 400, reason: 'text-too-long' },
  { name: 'comments: body is an array', send: (a) => json(`/api/segments/${segmentId}/comments`, { body: ['a'] })(a), status: 400 },
  { name: 'comments: parentId ../etc', send: (a) => json(`/api/segments/${segmentId}/comments`, { body: 'x', parentId: '../etc' })(a), status: 400 },
  { name: 'comments: segment id -1', send: (a) => json('/api/segments/-1/comments', { body: 'x' })(a), status: 400 },
  { name: 'comments: hostile text round-trips', send: (a) => json(`/api/segments/${segmentId}/comments`, { body: `<script>alert(1)</script> ${SQL} ${RTL} ${EMOJI}` })(a),
    stored: { status: 201, check: (body) => expect(body.body).toBe(`<script>alert(1)</script> ${SQL} ${RTL} ${EMOJI}`) } },

  // POST /api/findings/:id/dismiss
  ...ABSURD_IDS.slice(0, 6).map((id): Case => ({ name: `dismiss: finding id ${decodeURIComponent(id)}`, send: (a) => api(a).post(`/api/findings/${id}/dismiss`), status: 400, reason: 'invalid-id' })),
  { name: 'dismiss: no such finding', send: (a) => api(a).post('/api/findings/987654/dismiss'), status: 404 },

  // POST /api/documents/:id/bulk
  { name: 'bulk: document id 1e309', send: (a) => json('/api/documents/1e309/bulk', { action: 'reject-stale' })(a), status: 400 },
  { name: 'bulk: unknown action', send: (a) => json(`/api/documents/${documentId}/bulk`, { action: 'drop-everything' })(a), status: 400 },
  { name: 'bulk: action is an object', send: (a) => json(`/api/documents/${documentId}/bulk`, { action: { $ne: null } })(a), status: 400 },
  { name: 'bulk: SQL as rule id', send: (a) => json(`/api/documents/${documentId}/bulk`, { action: 'accept-rule', ruleId: "x' OR '1'='1" })(a), status: 400 },
  { name: 'bulk: accept-author without author', send: (a) => json(`/api/documents/${documentId}/bulk`, { action: 'accept-author' })(a), status: 400 },
  { name: 'bulk: no such document', send: (a) => json('/api/documents/987654/bulk', { action: 'reject-stale' })(a), status: 404 },
  { name: 'bulk: text/plain', send: (a) => raw(`/api/documents/${documentId}/bulk`, 'action=reject-stale', 'text/plain')(a), status: 415 },
];

test('the table has at least 30 hostile inputs', () => {
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const before = counts();
  const started = Date.now();
  const sent = c.send(app);
  const res = sent instanceof request.Test ? await viaSupertest(sent) : await sent;
  const elapsed = Date.now() - started;
  expect(elapsed).toBeLessThan(20_000);
  if (c.stored) {
    if (res.status !== c.stored.status) throw new Error(`expected ${c.stored.status}, got ${res.status}: ${res.text.slice(0, 300)}`);
    c.stored.check(res.body);
    return;
  }
  if (res.status !== c.status) throw new Error(`expected ${c.status}, got ${res.status}: ${res.text.slice(0, 300)}`);
  if (res.url.startsWith('/api/')) {
    expect(res.type).toBe('application/json');
    expect(res.body.error).toEqual(expect.objectContaining({ reason: expect.stringMatching(/^[a-z]+(-[a-z]+)*$/), message: expect.any(String) }));
    if (c.reason) expect(res.body.error.reason).toBe(c.reason);
  } else {
    // The HTML form answers with the error page, which names the problem.
    expect(res.type).toBe('text/html');
    expect(res.text).toMatch(/<main|<h1/);
  }
  expect(counts()).toEqual(before);
});

test('the server is still up and answers after all of that', async () => {
  await api(app).get('/api/documents').expect(200);
  await api(app).get('/').expect(200);
});
