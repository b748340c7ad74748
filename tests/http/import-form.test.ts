import { testApp, api, SOURCE, MT } from '../helpers/app';
import { importWarnings } from '../../server/review/import-warnings';

type App = ReturnType<typeof testApp>['app'];

function importForm(app: App, fields: Record<string, string>) {
  let req = api(app).post('/documents');
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req;
}

const FIFTEEN = Array.from({ length: 15 }, (_, i) => `Paragraph ${i + 1} of the pasted translation.`).join('\n\n');

describe('the import form', () => {
  test('an error is said in plain words and the pasted text is kept', async () => {
    const { app, services } = testApp();
    const res = await importForm(app, { title: 'Mine', sourceLang: 'zh', targetLang: 'en', sourceText: FIFTEEN, mtText: '' }).expect(400);
    expect(res.text).toContain('The machine translation is missing: paste it or upload it as a .txt file.');
    expect(res.text).not.toContain('mtText&quot; is');
    expect(res.text).not.toMatch(/"mtText" is required/);
    expect(res.text).toContain('Paragraph 15 of the pasted translation.</textarea>');
    expect(res.text).toContain('value="Mine"');
    expect(services.store.documents.list()).toEqual([]);
  });

  test('a bad language code names the field as the form does', async () => {
    const { app } = testApp();
    const res = await importForm(app, { sourceLang: 'Chinese', targetLang: 'en', mtText: MT }).expect(400);
    expect(res.text).toContain('The source language must be a language code such as “zh” or “en-US”, not “Chinese”.');
    expect(res.text).toContain('value="Chinese"');
  });

  test('the title defaults to the file name, or else to the first line', async () => {
    const { app, services } = testApp();
    await api(app).post('/documents').field('sourceLang', 'zh').field('targetLang', 'en')
      .attach('mtFile', Buffer.from(MT), 'chip-earnings.txt').expect(303);
    await importForm(app, { sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(303);
    expect(services.store.documents.list().map((d: { title: string }) => d.title).sort()).toEqual([
      'The company said the new platform will land next year.',
      'chip-earnings',
    ]);
  });

  test('paragraph counts that differ are warned about before importing; "Import anyway" imports', async () => {
    const { app, services } = testApp();
    const mtMissingOne = MT.split('\n\n')[0];
    const res = await importForm(app, { title: 'Short', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: mtMissingOne }).expect(200);
    expect(res.text).toContain('The source has 2 paragraphs and the machine translation 1 paragraph.');
    expect(res.text).toContain('Import anyway');
    expect(res.text).toContain('name="acknowledge" value="1"');
    expect(services.store.documents.list()).toEqual([]);
    await importForm(app, { title: 'Short', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: mtMissingOne, acknowledge: '1' }).expect(303);
    expect(services.store.documents.list()).toHaveLength(1);
  });

  test('the home page offers the progress indicator and the plain placeholder', async () => {
    const { app } = testApp();
    const res = await api(app).get('/').expect(200);
    expect(res.text).toContain('data-import-progress');
    expect(res.text).toContain('default: the file name or the first line');
    expect(res.text).toContain('value="zh"');
  });
});

describe('import warnings', () => {
  test('Chinese in the MT box, the same language in both boxes, and differing paragraph counts', () => {
    expect(importWarnings({ sourceText: SOURCE, mtText: MT, targetLang: 'en' })).toEqual([]);
    expect(importWarnings({ sourceText: MT, mtText: SOURCE, targetLang: 'en' }).map((w) => w.kind)).toEqual(['mt-is-chinese']);
    expect(importWarnings({ mtText: SOURCE, targetLang: 'en' }).map((w) => w.kind)).toEqual(['mt-is-chinese']);
    expect(importWarnings({ sourceText: MT, mtText: MT, targetLang: 'en' }).map((w) => w.kind)).toEqual(['same-language']);
    expect(importWarnings({ sourceText: SOURCE, mtText: SOURCE, targetLang: 'en' }).map((w) => w.kind)).toEqual(['mt-is-chinese', 'same-language']);
    expect(importWarnings({ sourceText: SOURCE, mtText: MT.replace('\n\n', ' '), targetLang: 'en' }).map((w) => w.kind)).toEqual(['paragraph-count']);
    expect(importWarnings({ sourceText: SOURCE, mtText: '公司表示，新平台将于明年落地。', targetLang: 'zh' }).map((w) => w.kind)).toEqual(['same-language', 'paragraph-count']);
  });

  test('a document without a title takes the first line of the MT over the API too', async () => {
    const { app } = testApp();
    const res = await api(app).post('/api/documents').send({ sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(201);
    expect(res.body.title).toBe('The company said the new platform will land next year.');
  });

  test('English with a few Chinese names in it is not Chinese', () => {
    expect(importWarnings({ mtText: 'The company 华为 said the new platform will go live next year, analysts at 中金 expect.', targetLang: 'en' })).toEqual([]);
  });
});
