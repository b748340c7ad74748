import fs from 'node:fs';
import path from 'node:path';
import { testApp, api, FIXTURES } from '../helpers/app';
import { now } from '../../server/db/time';

/**
 * GET /api/documents/:id/segments answers one bounded page, whatever the document's size: 500
 * rows by default, 2,000 at most, with a Link to the next page that keeps the filters.
 */
jest.setTimeout(120_000);

type App = ReturnType<typeof testApp>['app'];
const SEGMENTS = 200_000;

/** A document of `count` segments written straight through the repositories (no flagging). */
function bigDocument(app: App, count: number): number {
  const { store } = app.locals.services;
  return store.transaction(() => {
    const id = store.documents.insert({ title: 'Huge', sourceLang: 'zh', targetLang: 'en', hasSource: true, format: 'txt', createdBy: 'test' });
    const at = now();
    for (let i = 0; i < count; i++) {
      store.segments.insert(id, { index: i, paragraph: i, source: `源文本 ${i}`, mt: `Machine translation number ${i}, ${i % 7 === 0 ? 'seven' : 'plain'}.` }, 5, at);
    }
    return id;
  });
}

const nextLink = (link: string | undefined) => (link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined);

describe('the segments of a 200,000-segment document', () => {
  const { app } = testApp();
  let documentId: number;
  beforeAll(() => {
    documentId = bigDocument(app, SEGMENTS);
  });

  test('come 500 at a time by default, in a response of bounded size', async () => {
    const res = await api(app).get(`/api/documents/${documentId}/segments`).expect(200);
    expect(res.body).toHaveLength(500);
    expect(res.text.length).toBeLessThan(1_000_000);
    expect(res.body[0].index).toBe(0);
    expect(res.headers['x-next-cursor']).toBe('499');
    expect(nextLink(res.headers.link)).toBe(`/api/documents/${documentId}/segments?limit=500&after=499`);
  });

  test('a client may ask for up to 2,000 rows, never more; limit=-1 is a 400', async () => {
    expect((await api(app).get(`/api/documents/${documentId}/segments?limit=2000`).expect(200)).body).toHaveLength(2000);
    const asked = await api(app).get(`/api/documents/${documentId}/segments?limit=100000`).expect(200);
    expect(asked.body).toHaveLength(2000);
    expect(nextLink(asked.headers.link)).toBe(`/api/documents/${documentId}/segments?limit=2000&after=1999`);
    expect((await api(app).get(`/api/documents/${documentId}/segments?limit=-1`).expect(400)).body.error.message).toBe('"limit" must be a whole number of rows, at least 1 (at most 2,000 are sent at once).');
  });

  test('the next link of a deep page reads on from where the last page ended', async () => {
    const res = await api(app).get(`/api/documents/${documentId}/segments?after=199000&limit=2000`).expect(200);
    expect(res.body.map((s: { index: number }) => s.index)).toEqual(Array.from({ length: 999 }, (_, i) => 199_001 + i));
    expect(res.headers.link).toBeUndefined();
    expect(res.headers['x-next-cursor']).toBeUndefined();
  });

  test('the pages keep the grid filters, and following them reads every match exactly once', async () => {
    let url: string | undefined = `/api/documents/${documentId}/segments?q=seven&limit=2000`;
    const seen: number[] = [];
    for (let pages = 0; url && pages < 100; pages++) {
      const res = await api(app).get(url).expect(200);
      seen.push(...res.body.map((s: { index: number }) => s.index));
      url = nextLink(res.headers.link);
      if (url) expect(url).toContain('q=seven');
    }
    expect(seen.length).toBe(Math.ceil(SEGMENTS / 7));
    expect(seen.every((index, i) => index === i * 7)).toBe(true);
  });

  test('offset still works for older clients', async () => {
    const res = await api(app).get(`/api/documents/${documentId}/segments?offset=1000&limit=3`).expect(200);
    expect(res.body.map((s: { index: number }) => s.index)).toEqual([1000, 1001, 1002]);
    expect(nextLink(res.headers.link)).toContain('after=1002');
  });
});

describe('uploads and accounts', () => {
  test('a file named in Chinese keeps its name as the title', async () => {
    const { app } = testApp();
    const bytes = fs.readFileSync(path.join(FIXTURES, 'formats', 'sample-1.2.xlf'));
    const res = await api(app).post('/api/documents').attach('file', bytes, '季度报告.xlf').expect(201);
    expect(res.body.title).toBe('季度报告');
  });

  test('changing the role of a user that does not exist is a 404 and logs nothing', async () => {
    const { app, db } = testApp();
    const events = () => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    const before = events();
    const res = await api(app).post('/admin/users/99999/role').type('form').send({ role: 'admin' }).expect(404);
    expect(res.text).toContain('does not exist');
    expect(events()).toBe(before);
  });
});
