import request from 'supertest';
import { testApp, api, as, SOURCE, MT } from '../helpers/app';

function importForm(app: ReturnType<typeof testApp>['app'], fields: Record<string, string>) {
  let req = api(app).post('/documents');
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
}

describe('pages', () => {
  test('the home page lists documents and offers the import form', async () => {
    const { app } = testApp();
    await importForm(app, { title: 'Launch story', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(303);
    const res = await api(app).get('/').expect(200);
    expect(res.text).toContain('Launch story');
    expect(res.text).toContain('name="mtFile"');
    expect(res.text).toContain('zh → en');
  });

  test('importing uploaded .txt files redirects to the review grid with highlights', async () => {
    const { app } = testApp();
    const res = await api(app).post('/documents')
      .field('title', 'Uploaded').field('sourceLang', 'zh').field('targetLang', 'en')
      .attach('sourceFile', Buffer.from(SOURCE), 'source.txt')
      .attach('mtFile', Buffer.from('\uFEFF' + MT), 'mt.txt')
      .expect(303);
    const page = await api(app).get(res.headers.location).expect(200);
    expect(page.text).toMatch(/<mark class="flag sev-minor"[^>]*>mutual cooperation<\/mark>/);
    expect(page.text).toContain('test-mutual-cooperation');
    expect(page.text).toContain('公司表示');
  });

  test('idioms and jargon of the source are marked with their meaning', async () => {
    const { app } = testApp();
    const res = await importForm(app, { title: 'Idiom', sourceLang: 'zh', targetLang: 'en', sourceText: '我们要脚踏实地。', mtText: 'We must keep our feet on the ground.' }).expect(303);
    const page = await api(app).get(res.headers.location).expect(200);
    expect(page.text).toMatch(/<abbr class="src-term" tabindex="0" title="Idiom: [^"]*feet firmly planted on the ground[^"]*">脚踏实地<\/abbr>/);
  });

  test('an upload that is not UTF-8 gets a readable error page and stores nothing', async () => {
    const { app, services } = testApp();
    const res = await api(app).post('/documents')
      .field('title', 'Bad').field('sourceLang', 'zh').field('targetLang', 'en')
      .attach('mtFile', Buffer.from([0x48, 0x69, 0xff, 0xfe, 0x21]), 'latin1.txt')
      .expect(400);
    expect(res.text).toContain('latin1.txt is not valid UTF-8');
    expect(services.store.documents.list()).toEqual([]);
  });

  test('HTML in a document is shown as text, never as markup', async () => {
    const { app } = testApp();
    const evil = '<script>alert(1)</script> <img src=x onerror=alert(2)> {{constructor}}';
    const res = await importForm(app, { title: evil, sourceLang: 'zh', targetLang: 'en', mtText: evil }).expect(303);
    const page = await api(app).get(res.headers.location).expect(200);
    expect(page.text).not.toContain('<script>alert');
    expect(page.text).not.toContain('<img src');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('a row action answers the page script with the re-rendered row, and a conflict with 409', async () => {
    const { app, services } = testApp();
    const res = await importForm(app, { title: 'T', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(303);
    const id = Number(res.headers.location.split('/').pop());
    const [seg] = services.store.segments.page(id, 10, 0);
    const row = await api(app).post(`/segments/${seg.id}/proposals`).set('X-Calque-Fragment', 'row')
      .type('form').send({ text: 'The platform goes live next year.', baseVersion: '1' }).expect(200);
    expect(row.text.trim()).toMatch(/^<tr id="seg-\d+"/);
    expect(row.text).toContain('<ins>goes live</ins>');
    const stale = await api(app).post(`/segments/${seg.id}/proposals`).set('X-Calque-Fragment', 'row')
      .type('form').send({ text: 'Other.', baseVersion: '5' }).expect(409);
    expect(stale.text).toContain('Not saved:');
  });

  test('a plain form post redirects back to the segment row', async () => {
    const { app, services } = testApp();
    const res = await importForm(app, { title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(303);
    const id = Number(res.headers.location.split('/').pop());
    const [seg] = services.store.segments.page(id, 10, 0);
    const post = await api(app).post(`/segments/${seg.id}/status`).type('form').send({ status: 'reviewed', baseVersion: '1', confirm: '1' }).expect(303);
    expect(post.headers.location).toBe(`/documents/${id}#seg-${seg.id}`);
  });

  test("the grid's Previous and Next links lead to the next page, with the filters kept", async () => {
    const { app } = testApp();
    const mt = Array.from({ length: 250 }, (_, i) => `Sentence ${i + 1} is here.`).join('\n\n');
    const doc = (await api(app).post('/api/documents').send({ title: 'Long', sourceLang: 'zh', targetLang: 'en', mtText: mt }).expect(201)).body;
    const first = await api(app).get(`/documents/${doc.id}?unreviewed=1`).expect(200);
    const href = (html: string, rel: string) => new RegExp(`<a href="([^"]*)" rel="${rel}"`).exec(html)?.[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const next = href(first.text, 'next');
    expect(next).toBe('?unreviewed=1&page=2');
    const second = await api(app).get(`/documents/${doc.id}${next}`).expect(200);
    expect(second.text).toContain('Page 2 of 3');
    expect(second.text).toContain('Sentence 101 is here.');
    expect(href(second.text, 'prev')).toBe('?unreviewed=1&page=1');
  });

  test('unknown pages get a readable 404 page', async () => {
    const { app } = testApp();
    const res = await api(app).get('/documents/12345').expect(404);
    expect(res.text).toContain('This document does not exist.');
    expect(res.text).not.toContain('12345 does');
  });
});
