import { testApp, api, as, SOURCE, MT } from '../helpers/app';
import { parseXml } from '../../server/formats/xml';

type App = ReturnType<typeof testApp>['app'];

async function setup() {
  const { app } = testApp();
  const doc = (await api(app).post('/api/documents').send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body as { id: number };
  const segments = (await api(app).get(`/api/documents/${doc.id}/segments`)).body as Array<{ id: number; text: string; mt: string; version: number }>;
  return { app, doc, segments };
}

const annotate = (app: App, segmentId: number, body: Record<string, unknown>) => as(app, 'rita', 'reviewer').post(`/api/segments/${segmentId}/annotations`).send(body);

describe('error annotation (LQA)', () => {
  test('a reviewer marks a span, an omission and an MT span; each is attributed, logged and counted in the MQM score', async () => {
    const { app, doc, segments } = await setup();
    const [first] = segments;
    const start = first.text.indexOf('will land');
    const span = (await annotate(app, first.id, { start, end: start + 9, category: 'accuracy', subcategory: 'mistranslation', severity: 'major', note: 'launch, not land', baseVersion: first.version }).expect(201)).body;
    expect(span).toMatchObject({ text: 'will land', createdBy: 'rita', segmentVersion: 1, version: 1, severity: 'major', field: 'text' });
    const omission = (await annotate(app, first.id, { start: 4, category: 'accuracy', subcategory: 'omission', severity: 'minor' }).expect(201)).body;
    expect(omission).toMatchObject({ start: 4, end: 4, text: '' });
    await annotate(app, segments[1].id, { field: 'mt', start: 9, end: 29, category: 'style', subcategory: 'awkward', severity: 'critical' }).expect(201);

    expect((await api(app).get(`/api/documents/${doc.id}/segments?annotated=1`).expect(200)).body.map((r: { id: number }) => r.id)).toEqual([first.id, segments[1].id]);
    const score = (await api(app).get(`/api/documents/${doc.id}/mqm`).expect(200)).body;
    expect(score).toMatchObject({ annotations: 3, penalty: 5 + 1 + 25, bySeverity: { major: 1, minor: 1, critical: 1, neutral: 0 }, threshold: 10, pass: false });
    expect(score.perThousand).toBeCloseTo((31 * 1000) / score.words, 1);

    const history = (await api(app).get(`/api/segments/${first.id}`)).body.history.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`);
    expect(history).toEqual(['annotation.added by rita', 'annotation.added by rita']);
  });

  test('changing, removing and restoring an annotation: versioned, undoable, logged', async () => {
    const { app, doc, segments } = await setup();
    const a = (await annotate(app, segments[0].id, { start: 0, end: 3, category: 'fluency', subcategory: 'grammar', severity: 'minor' }).expect(201)).body;
    const reviewer = as(app, 'rita', 'reviewer');
    const changed = (await reviewer.patch(`/api/annotations/${a.id}`).send({ severity: 'critical', version: 1 }).expect(200)).body;
    expect(changed).toMatchObject({ severity: 'critical', subcategory: 'grammar', version: 2, updatedBy: 'rita' });
    expect((await reviewer.patch(`/api/annotations/${a.id}`).send({ severity: 'minor', version: 1 }).expect(409)).body.error.reason).toBe('stale-annotation');
    await reviewer.delete(`/api/annotations/${a.id}`).expect(200);
    expect((await api(app).get(`/api/documents/${doc.id}/mqm`)).body.annotations).toBe(0);
    expect((await reviewer.post(`/api/annotations/${a.id}/restore`).expect(200)).body.state).toBe('open');
    expect((await api(app).get(`/api/documents/${doc.id}/mqm`)).body).toMatchObject({ annotations: 1, penalty: 25 });
    const actions = (await api(app).get(`/api/documents/${doc.id}/events`)).body.map((e: { action: string }) => e.action);
    expect(actions.slice(0, 4)).toEqual(['annotation.restored', 'annotation.removed', 'annotation.changed', 'annotation.added']);
  });

  test('the weights and the threshold are the document settings, and the report shows the score with its weights', async () => {
    const { app, doc, segments } = await setup();
    await annotate(app, segments[0].id, { start: 0, end: 3, category: 'terminology', severity: 'major' }).expect(201);
    const before = (await api(app).get(`/api/documents/${doc.id}/export?format=report`).expect(200)).text;
    expect(before).toMatch(/data-figure="mqm">[\d.]+</);
    expect(before).toContain('<td>major</td><td class="num">5</td>');
    const set = (await as(app, 'rita', 'reviewer').put(`/api/documents/${doc.id}/mqm`).send({ weights: { major: 2 }, threshold: 1000 }).expect(200)).body;
    expect(set).toMatchObject({ penalty: 2, pass: true, weights: { minor: 1, major: 2, critical: 25, neutral: 0 } });
    const report = (await api(app).get(`/api/documents/${doc.id}/export?format=report`)).text;
    expect(report).toContain('data-figure="mqm-verdict">pass<');
    expect(report).toContain('<td>major</td><td class="num">2</td>');
    const csv = (await api(app).get(`/api/documents/${doc.id}/export?format=report-csv`)).text;
    expect(csv).toMatch(/^mqm,pass,/m);
    await as(app, 'rita', 'reviewer').put(`/api/documents/${doc.id}/mqm`).send({ weights: { huge: 3 } }).expect(400);
    await as(app, 'rita', 'reviewer').put(`/api/documents/${doc.id}/mqm`).send({ threshold: -1 }).expect(400);
  });

  test('exported in the change log JSON and as ITS 2.0 quality issues in XLIFF 2', async () => {
    const { app, doc, segments } = await setup();
    const start = segments[0].text.indexOf('land');
    await annotate(app, segments[0].id, { start, end: start + 4, category: 'accuracy', subcategory: 'mistranslation', severity: 'major', note: 'say "launch" & mean it' }).expect(201);
    await annotate(app, segments[1].id, { field: 'mt', start: 0, end: 3, category: 'style', severity: 'minor' }).expect(201);
    const log = (await api(app).get(`/api/documents/${doc.id}/export?format=changes-json`).expect(200)).body;
    expect(log).toEqual([
      expect.objectContaining({ record: 'error-annotation', segment: 1, text: 'land', category: 'accuracy', severity: 'major', author: 'rita' }),
      expect.objectContaining({ record: 'error-annotation', segment: 2, field: 'mt' }),
    ]);
    const xliff = (await api(app).get(`/api/documents/${doc.id}/export?format=xliff`).expect(200)).text;
    expect(() => parseXml(xliff, 'export')).not.toThrow();
    expect(xliff).toContain('xmlns:its="http://www.w3.org/2005/11/its"');
    expect(xliff).toMatch(/<mrk id="lqi\d+" type="its:generic" its:locQualityIssueType="mistranslation" its:locQualityIssueSeverity="60" its:locQualityIssueComment="accuracy\/mistranslation, major: say &quot;launch&quot; &amp; mean it">land<\/mrk>/);
    expect(xliff).toMatch(/<note category="lqa">On the MT \(style, minor\): "The"<\/note>/);
  });

  test.each([
    [{ start: 0, end: 3, category: 'grammar' }, 'invalid-category'],
    [{ start: 0, end: 3, category: 'accuracy', subcategory: 'spelling' }, 'invalid-category'],
    [{ start: 0, end: 3, category: 'accuracy', severity: 'huge' }, 'invalid-field'],
    [{ start: 5, end: 2, category: 'accuracy' }, 'invalid-span'],
    [{ start: 0, end: 100_000, category: 'accuracy' }, 'invalid-span'],
    [{ start: 'a', category: 'accuracy' }, 'invalid-span'],
    [{ start: 0, end: 1, category: 'accuracy', field: 'source' }, 'invalid-field'],
  ])('refuses %j with 400 %s', async (body, reason) => {
    const { app, segments } = await setup();
    expect((await annotate(app, segments[0].id, body).expect(400)).body.error.reason).toBe(reason);
  });

  test('an editor cannot annotate; a stale base version is a conflict', async () => {
    const { app, segments } = await setup();
    await as(app, 'eddie', 'editor').post(`/api/segments/${segments[0].id}/annotations`).send({ start: 0, end: 1, category: 'accuracy' }).expect(403);
    expect((await annotate(app, segments[0].id, { start: 0, end: 1, category: 'accuracy', baseVersion: 7 }).expect(409)).body.error.reason).toBe('stale-version');
  });
});
