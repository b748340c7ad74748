import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { testApp, api, as, SOURCE, MT } from '../helpers/app';
import { parseXliff } from '../../server/formats/xliff';
import { parseTmx } from '../../server/formats/tmx';
import { main } from '../../server/cli';

type App = ReturnType<typeof testApp>['app'];
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'formats');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

interface Seg { id: number; index: number; source: string; mt: string; text: string; status: string; version: number; unitId: string | null; externalId: string | null; codes: string | null }

function upload(app: App, name: string, bytes: Buffer = fixture(name), fields: Record<string, string> = {}) {
  let req = api(app).post('/api/documents');
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', bytes, name);
}

async function segmentsOf(app: App, id: number): Promise<Seg[]> {
  return (await api(app).get(`/api/documents/${id}/segments`).expect(200)).body;
}

async function edit(app: App, seg: Seg, text: string) {
  const p = (await as(app, 'mei', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text, baseVersion: seg.version }).expect(201)).body;
  await as(app, 'lee', 'reviewer').post(`/api/proposals/${p.id}/accept`).send({}).expect(200);
}

const exported = (app: App, id: number, format: string) => api(app).get(`/api/documents/${id}/export?format=${format}`).buffer(true).parse((res, cb) => {
  let data = '';
  res.setEncoding('utf8');
  res.on('data', (c: string) => (data += c));
  res.on('end', () => cb(null, data));
});

const comparable = (segments: Array<{ unitId?: string | null; externalId?: string | null; source: string; mt?: string; text?: string }>) =>
  segments.map((s) => ({ unitId: s.unitId, externalId: s.externalId, source: s.source, target: s.text ?? s.mt }));

describe('importing files', () => {
  test('a TSV without languages in the file or the fields is refused, naming what is missing', async () => {
    const { app } = testApp();
    const res = await upload(app, 'sample.tsv').expect(400);
    expect(res.body.error).toMatchObject({ reason: 'missing-field', message: 'sample.tsv does not say its source language: give "sourceLang".' });
  });

  test('an XLIFF 2.0 upload keeps unit ids, notes and inline codes as placeholders; its languages win', async () => {
    const { app } = testApp();
    const res = await upload(app, 'sample-2.0.xlf', undefined, { sourceLang: 'ja', targetLang: 'de' }).expect(201);
    expect(res.body).toMatchObject({ title: 'sample-2.0', sourceLang: 'zh', targetLang: 'en', hasSource: true, format: 'xliff', segments: 3 });
    const segments = await segmentsOf(app, res.body.id);
    expect(segments[0]).toMatchObject({ unitId: 'intro', externalId: 's1', text: 'The company said the ⟦1⟧new platform⟦/1⟧ will land next year.⟦2/⟧' });
    expect(segments[1].status).toBe('reviewed');
  });

  test.each([
    ['sample-1.2.xlf', 'xliff12', 3],
    ['sample.tmx', 'tmx', 2],
    ['sample.tsv', 'tsv', 2],
    ['sample.csv', 'csv', 2],
    ['sample.docx', 'docx', 3],
  ])('%s is imported as %s with %i segments', async (name, format, count) => {
    const { app } = testApp();
    const res = await upload(app, name, undefined, { sourceLang: 'zh', targetLang: 'en' }).expect(201);
    expect(res.body).toMatchObject({ format, segments: count });
  });

  test.each([
    ['billion-laughs.xlf', 'xml-doctype', /DOCTYPE/],
    ['malformed.xlf', 'malformed-xml', /line 4/],
    ['notes.pdf', 'unsupported-format', /"\.pdf" files are not supported/],
  ])('%s is refused with a 400 %s and nothing is imported', async (name, reason, message) => {
    const { app, services } = testApp();
    const bytes = fs.existsSync(path.join(FIXTURES, name)) ? fixture(name) : Buffer.from('%PDF-1.4 binary');
    const res = await upload(app, name, bytes).expect(400);
    expect(res.body.error.reason).toBe(reason);
    expect(res.body.error.message).toMatch(message);
    expect(services.store.documents.list()).toEqual([]);
  });

  test('a unit that fails late in the file leaves nothing half-imported', async () => {
    const { app, services } = testApp();
    const xml = '<xliff version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit id="a"><segment><source>一</source><target>One</target></segment></unit><unit id="b"></unit></file></xliff>';
    const res = await upload(app, 'late.xlf', Buffer.from(xml)).expect(400);
    expect(res.body.error.message).toMatch(/unit "b" has no <segment>/);
    expect(services.store.documents.list()).toEqual([]);
  });

  test('the import form accepts a bilingual file and defaults the title to its name', async () => {
    const { app, services } = testApp();
    const res = await api(app).post('/documents').field('title', '').field('sourceLang', 'zh').field('targetLang', 'en')
      .attach('file', fixture('sample.tsv'), 'pairs.tsv').expect(303);
    const [doc] = services.store.documents.list();
    expect(res.headers.location).toBe(`/documents/${doc.id}`);
    expect(doc).toMatchObject({ title: 'pairs', format: 'tsv', segments: 2, hasSource: true });
  });

  test('the home page offers the file input and the document page every export', async () => {
    const { app } = testApp();
    const home = await api(app).get('/').expect(200);
    expect(home.text).toContain('name="file"');
    const id = (await upload(app, 'sample-2.0.xlf').expect(201)).body.id;
    const page = await api(app).get(`/documents/${id}`).expect(200);
    for (const format of ['txt', 'xliff', 'xliff12', 'tmx', 'changes-csv', 'changes-json', 'report', 'report-csv']) {
      expect(page.text).toContain(`/documents/${id}/export?format=${format}`);
    }
  });
});

describe('protected placeholders', () => {
  test('an edit that drops or breaks an inline code is refused with 400 placeholders-changed', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample-2.0.xlf').expect(201)).body.id;
    const [seg] = await segmentsOf(app, id);
    for (const text of ['The company said the new platform goes live next year.⟦2/⟧', 'The company said the ⟦1⟧new platform goes live next year.⟦2/⟧']) {
      const res = await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text, baseVersion: 1 }).expect(400);
      expect(res.body.error.reason).toBe('placeholders-changed');
    }
    await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'The ⟦1⟧new platform⟦/1⟧ goes live next year, the company said.⟦2/⟧', baseVersion: 1 }).expect(201);
  });
});

describe('XLIFF export', () => {
  test('XLIFF 2.0 round trip: import, edit, export, re-import gives the same segments with ids and codes', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample-2.0.xlf').expect(201)).body.id;
    const [first, , third] = await segmentsOf(app, id);
    await edit(app, first, 'The ⟦1⟧new platform⟦/1⟧ goes live next year, the company said.⟦2/⟧');
    await edit(app, third, 'The team worked with several universities and solved 3 problems.');
    await api(app).post(`/api/segments/${third.id}/status`).send({ status: 'approved', baseVersion: 2 }).expect(200);
    const res = await exported(app, id, 'xliff').expect(200);
    expect(res.headers['content-type']).toBe('application/xliff+xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=sample-20-1.xlf');
    const xml = res.body as string;
    expect(xml).toContain('<pc id="1" dataRefStart="d1" dataRefEnd="d2">new platform</pc> goes live');
    expect(xml).toContain('<data id="d1">&lt;b&gt;</data>');
    expect(xml).toContain('<note category="context">Headline of the press release</note>');
    expect(xml).toContain('The price is 5 &amp; 6 &lt;yuan&gt;.');

    const current = await segmentsOf(app, id);
    const again = parseXliff(xml);
    expect(comparable(again.segments)).toEqual(comparable(current));
    expect(again.segments.map((s) => s.codes)).toEqual(current.map((s) => s.codes));
    expect(again.segments.map((s) => s.status)).toEqual(['new', 'reviewed', 'approved']);

    // And through the API: the exported file imports as a document with the same segments.
    const reimported = (await upload(app, 'export.xlf', Buffer.from(xml)).expect(201)).body.id;
    expect(comparable(await segmentsOf(app, reimported)).map(({ target, ...rest }) => ({ ...rest, target }))).toEqual(comparable(current));
  });

  test('XLIFF 2.0 structure: root, file, units with ids, segments with a valid state, source and target', async () => {
    const { app } = testApp();
    const id = (await api(app).post('/api/documents').send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body.id;
    const [seg] = await segmentsOf(app, id);
    const p = (await as(app, 'a', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text: 'Worse text.', baseVersion: 1 })).body;
    await as(app, 'rev', 'reviewer').post(`/api/proposals/${p.id}/reject`).send({ reason: 'Changes the meaning' }).expect(200);
    const xml = (await exported(app, id, 'xliff').expect(200)).body as string;
    const tree = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['unit', 'segment', 'note'].includes(name) }).parse(xml);
    expect(tree.xliff).toMatchObject({ xmlns: 'urn:oasis:names:tc:xliff:document:2.0', version: '2.0', srcLang: 'zh', trgLang: 'en' });
    const unitsOut = tree.xliff.file.unit as Array<{ id: string; segment: Array<{ state: string; source: unknown; target: unknown }>; notes?: { note: Array<{ '#text': string; category: string }> } }>;
    expect(unitsOut.map((u) => u.id)).toEqual(['p1', 'p2']);
    for (const u of unitsOut) for (const s of u.segment) {
      expect(['initial', 'translated', 'reviewed', 'final']).toContain(s.state);
      expect(s.source).toBeDefined();
      expect(s.target).toBeDefined();
    }
    expect(unitsOut[0].notes!.note[0]).toMatchObject({ category: 'review', '#text': 'Rejected "Worse text.": Changes the meaning' });
  });

  test('XLIFF 1.2 round trip keeps trans-unit ids, <seg-source> segments and codes; states use 1.2 names', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample-1.2.xlf').expect(201)).body.id;
    const [first] = await segmentsOf(app, id);
    await edit(app, first, 'Click ⟦1⟧here⟦/1⟧ to go on⟦2/⟧');
    const res = await exported(app, id, 'xliff12').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=sample-12-1-xliff12.xlf');
    const xml = res.body as string;
    expect(xml).toContain('<target state="translated">Click <g id="1">here</g> to go on<x id="2"/></target>');
    expect(xml).toContain('<trans-unit id="tu-2" approved="yes">');
    expect(xml).toContain('<mrk mtype="seg" mid="b">Second <bpt id="5">&lt;i&gt;</bpt>one<ept id="5">&lt;/i&gt;</ept>.</mrk>');
    expect(xml).toContain('<note from="pm">UI string</note>');
    const current = await segmentsOf(app, id);
    const again = parseXliff(xml);
    expect(comparable(again.segments)).toEqual(comparable(current));
    expect(again.segments.map((s) => s.codes)).toEqual(current.map((s) => s.codes));
  });

  test('an XLIFF 1.2 document exports as XLIFF 2.0 with its codes converted', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample-1.2.xlf').expect(201)).body.id;
    const xml = (await exported(app, id, 'xliff').expect(200)).body as string;
    expect(xml).toContain('<target>Click <pc id="1">here</pc> to continue<ph id="2"/></target>');
    expect(parseXliff(xml).segments.map((s) => s.mt)).toEqual((await segmentsOf(app, id)).map((s) => s.text));
  });

  test('the cleaned text of an XLIFF document has no placeholders, one paragraph per unit', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample-1.2.xlf').expect(201)).body.id;
    expect((await exported(app, id, 'txt').expect(200)).body).toBe('Click here to continue\n\nFirst sentence. Second one.\n');
  });
});

describe('TMX export', () => {
  test('source / current-target pairs parse back; codes survive', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample.tmx').expect(201)).body.id;
    const [first] = await segmentsOf(app, id);
    await edit(app, first, 'The company said the new platform goes live next year.');
    const res = await exported(app, id, 'tmx').expect(200);
    expect(res.headers['content-type']).toBe('application/x-tmx+xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=sample-1.tmx');
    const back = parseTmx(res.body as string);
    expect(back.sourceLang).toBe('zh');
    expect(comparable(back.segments)).toEqual(comparable(await segmentsOf(app, id)));
  });

  test('a document without a source cannot be exported as TMX', async () => {
    const { app } = testApp();
    const id = (await api(app).post('/api/documents').send({ title: 'MT only', sourceLang: 'zh', targetLang: 'en', mtText: 'One. Two.' }).expect(201)).body.id;
    expect((await api(app).get(`/api/documents/${id}/export?format=tmx`).expect(400)).body.error.reason).toBe('no-source');
  });
});

describe('change log', () => {
  async function reviewed(app: App) {
    const id = (await api(app).post('/api/documents').send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body.id;
    const [a, b] = (await api(app).get(`/api/documents/${id}/segments`)).body;
    await edit(app, a, 'The platform goes live next year.');
    const finding = b.findings.find((f: { text: string }) => f.text === 'mutual cooperation');
    const rule = (await as(app, 'bot', 'editor').post(`/api/segments/${b.id}/proposals`).send({ findingId: finding.id, index: 0, baseVersion: 1 }).expect(201)).body;
    await as(app, 'lee', 'reviewer').post(`/api/proposals/${rule.id}/accept`).send({}).expect(200);
    const bad = (await as(app, 'x', 'editor').post(`/api/segments/${a.id}/proposals`).send({ text: '=HYPERLINK("http://evil")', baseVersion: 2 })).body;
    await as(app, 'lee', 'reviewer').post(`/api/proposals/${bad.id}/reject`).send({ reason: 'Not a translation' }).expect(200);
    return { id, a, b, finding };
  }

  test('CSV: one row per decided proposal, read back with a CSV parser, formulas defused', async () => {
    const { app } = testApp();
    const { id, a, b, finding } = await reviewed(app);
    const res = await exported(app, id, 'changes-csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=platform-news-1-changes.csv');
    const rows = parse(res.body as string, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.segment, r.decision, r.author, r.decidedBy, r.rule, r.reason])).toEqual([
      ['1', 'accepted', 'mei', 'lee', '', ''],
      ['1', 'rejected', 'x', 'lee', '', 'Not a translation'],
      ['2', 'accepted', 'bot', 'lee', finding.ruleId, ''],
    ]);
    expect(rows[0]).toMatchObject({ before: a.mt, after: 'The platform goes live next year.' });
    expect(rows[1]).toMatchObject({ before: 'The platform goes live next year.', after: `'=HYPERLINK("http://evil")` });
    expect(rows[2].before).toBe(b.mt);
    expect(rows[2].time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('JSON: the same records', async () => {
    const { app } = testApp();
    const { id } = await reviewed(app);
    const res = await exported(app, id, 'changes-json').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const records = JSON.parse(res.body as string);
    expect(records).toHaveLength(3);
    expect(records[1]).toMatchObject({ segment: 1, decision: 'rejected', after: '=HYPERLINK("http://evil")', reason: 'Not a translation' });
  });

  test('an empty log is an empty array and a header-only CSV', async () => {
    const { app } = testApp();
    const id = (await upload(app, 'sample.tsv', undefined, { sourceLang: 'zh', targetLang: 'en' }).expect(201)).body.id;
    expect(JSON.parse((await exported(app, id, 'changes-json')).body as string)).toEqual([]);
    expect(parse((await exported(app, id, 'changes-csv')).body as string, { bom: true })).toHaveLength(1);
  });
});

describe('quality report', () => {
  async function doc(app: App, title = 'Platform news') {
    const id = (await api(app).post('/api/documents').send({ title, sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body.id;
    const [, b] = (await api(app).get(`/api/documents/${id}/segments`)).body;
    await edit(app, b, 'The team worked with several universities and solved 3 problems.');
    return { id, b };
  }

  test('HTML: scores with formula and scale, findings fixed and open, SVG charts, shown inline', async () => {
    const { app } = testApp();
    const { id } = await doc(app);
    const res = await exported(app, id, 'report').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename=platform-news-1-report.html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const html = res.body as string;
    expect(html).toContain('minor 1, major 5, critical 25');
    expect(html).toContain('per 1,000 words');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('Findings by category');
    expect(html).toMatch(/\d+ fixed, \d+ still open/);
    const mtPenalty = Number(/data-figure="penalty-mt">([\d.]+)</.exec(html)![1]);
    const openPenalty = Number(/data-figure="penalty-open">([\d.]+)</.exec(html)![1]);
    expect(mtPenalty).toBeGreaterThan(openPenalty);
  });

  test('HTML escapes the title', async () => {
    const { app } = testApp();
    const { id } = await doc(app, '<script>alert(1)</script>');
    const html = (await exported(app, id, 'report').expect(200)).body as string;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('CSV: document, category, rule and segment rows with edit distance; HTER = edits / words', async () => {
    const { app } = testApp();
    const { id } = await doc(app);
    const res = await exported(app, id, 'report-csv').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename=platform-news-1-report.csv');
    const rows = parse(res.body as string, { columns: true, bom: true }) as Array<Record<string, string>>;
    const current = rows.find((r) => r.kind === 'document' && r.name === 'current text')!;
    const segments = rows.filter((r) => r.kind === 'segment');
    expect(segments).toHaveLength(2);
    expect(segments[0]).toMatchObject({ word_edits: '0', hter: '0' });
    const edits = Number(segments[1].word_edits);
    expect(edits).toBeGreaterThan(0);
    expect(Number(segments[1].hter)).toBeCloseTo(edits / Number(segments[1].words), 3);
    expect(Number(current.word_edits)).toBe(edits);
    expect(Number(current.fixed)).toBeGreaterThan(0);
    expect(rows.some((r) => r.kind === 'rule')).toBe(true);
    expect(rows.some((r) => r.kind === 'category')).toBe(true);
  });
});

describe('exports of a large document', () => {
  test('are streamed page by page and complete', async () => {
    const { app, services } = testApp();
    const n = 4500;
    const mtText = Array.from({ length: n }, (_, i) => `Sentence number ${i + 1} is here.`).join('\n\n');
    const id = (await api(app).post('/api/documents').send({ title: 'Big', sourceLang: 'zh', targetLang: 'en', mtText }).expect(201)).body.id;
    expect(services.store.segments.count(id)).toBe(n);
    const xml = (await exported(app, id, 'xliff').expect(200)).body as string;
    expect(parseXliff(xml).segments).toHaveLength(n);
    const csv = (await exported(app, id, 'report-csv').expect(200)).body as string;
    expect((parse(csv, { columns: true, bom: true }) as Array<{ kind: string }>).filter((r) => r.kind === 'segment')).toHaveLength(n);
  }, 60_000);
});

describe('CLI', () => {
  test('imports a file by its format and exports every format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calque-cli-'));
    const saved = { db: process.env.CALQUE_DB, rules: process.env.CALQUE_RULES_DIR };
    process.env.CALQUE_DB = path.join(dir, 'test.db');
    process.env.CALQUE_RULES_DIR = path.join(__dirname, '..', 'fixtures', 'rules');
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(main(['import', path.join(FIXTURES, 'sample-2.0.xlf')])).toBe(-1);
      await new Promise((r) => setTimeout(r, 50));
      expect(process.exitCode).toBe(0);
      expect(String(out.mock.calls.at(-1)?.[0])).toMatch(/Imported document 1 \(xliff\): 3 segments/);
      const file = path.join(dir, 'out.xlf');
      expect(main(['export', '1', '--format', 'xliff12', '--out', file])).toBe(0);
      expect(parseXliff(fs.readFileSync(file, 'utf8')).segments.map((s) => s.unitId)).toEqual(['intro', 'intro', 'body-1']);
      expect(main(['export', '1', '--format', 'pdf'])).toBe(2);
    } finally {
      out.mockRestore();
      process.exitCode = undefined;
      process.env.CALQUE_DB = saved.db;
      process.env.CALQUE_RULES_DIR = saved.rules;
      if (saved.db === undefined) delete process.env.CALQUE_DB;
      if (saved.rules === undefined) delete process.env.CALQUE_RULES_DIR;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
