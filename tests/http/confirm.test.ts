import { testApp, api, as, SOURCE, MT } from '../helpers/app';

type App = ReturnType<typeof testApp>['app'];

async function importDoc(app: App) {
  const res = await api(app).post('/api/documents').send({ title: 'Confirm', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201);
  const segments = (await api(app).get(`/api/documents/${res.body.id}/segments`).expect(200)).body as Array<{ id: number; version: number; text: string }>;
  return { documentId: res.body.id as number, segments };
}

const segment = async (app: App, id: number) => (await api(app).get(`/api/segments/${id}`).expect(200)).body;

describe('POST /api/segments/:id/confirm', () => {
  test("a reviewer's own edit is applied and reviewed in one step: one version bump, the proposal accepted by them, the history events", async () => {
    const { app } = testApp();
    const { segments } = await importDoc(app);
    const [first] = segments;
    const res = await as(app, 'lee', 'reviewer').post(`/api/segments/${first.id}/confirm`).send({ text: 'The company said the platform launches next year.', baseVersion: 1 }).expect(200);
    expect(res.body).toMatchObject({ applied: true, reviewed: true, segment: { version: 2, status: 'reviewed', text: 'The company said the platform launches next year.' }, proposal: { author: 'lee', state: 'accepted', decidedBy: 'lee' } });
    const now = await segment(app, first.id);
    expect(now).toMatchObject({ version: 2, status: 'reviewed', updatedBy: 'lee' });
    expect(now.proposals).toHaveLength(1);
    expect(now.proposals[0]).toMatchObject({ state: 'accepted', replacedText: MT.split('\n\n')[0], baseVersion: 1 });
    expect(now.history.map((e: { action: string }) => e.action)).toEqual(['proposal.created', 'proposal.accepted', 'segment.status']);
    expect(now.history[1].details).toMatchObject({ version: 2, before: MT.split('\n\n')[0], after: 'The company said the platform launches next year.' });
    // The document counts see it: one reviewed, one edited.
    const doc = (await api(app).get(`/api/documents/${now.documentId}`).expect(200)).body;
    expect(doc).toMatchObject({ reviewed: 1, edited: 1 });
  });

  test('an unchanged (or absent) text only marks the segment reviewed, without a new version', async () => {
    const { app } = testApp();
    const { segments } = await importDoc(app);
    const res = await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: segments[0].text, baseVersion: 1, confirm: true }).expect(200);
    expect(res.body).toMatchObject({ applied: false, reviewed: true, proposal: null, segment: { version: 1, status: 'reviewed' } });
    await api(app).post(`/api/segments/${segments[1].id}/confirm`).send({ baseVersion: 1 }).expect(200);
    expect(await segment(app, segments[1].id)).toMatchObject({ version: 1, status: 'reviewed', proposals: [] });
    // Confirming again changes nothing and logs nothing more.
    await api(app).post(`/api/segments/${segments[1].id}/confirm`).send({ baseVersion: 1 }).expect(200);
    expect((await segment(app, segments[1].id)).history).toHaveLength(1);
  });

  test("an editor's save stays a pending proposal and the segment is not reviewed", async () => {
    const { app } = testApp();
    const { segments } = await importDoc(app);
    const res = await as(app, 'eddie', 'editor').post(`/api/segments/${segments[0].id}/confirm`).send({ text: 'An editor wrote this.', baseVersion: 1 }).expect(200);
    expect(res.body).toMatchObject({ applied: false, reviewed: false, proposal: { author: 'eddie', state: 'pending' }, segment: { version: 1, status: 'new' } });
    expect(await segment(app, segments[0].id)).toMatchObject({ version: 1, status: 'new', text: segments[0].text });
  });

  test('a stale base version is refused and nothing is written', async () => {
    const { app } = testApp();
    const { segments } = await importDoc(app);
    await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: 'First.', baseVersion: 1 }).expect(200);
    const res = await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: 'Second.', baseVersion: 1 }).expect(409);
    expect(res.body.error.reason).toBe('stale-version');
    expect(await segment(app, segments[0].id)).toMatchObject({ version: 2, text: 'First.' });
  });

  test('confirms sent at the same moment are each saved or refused on their own', async () => {
    const { app } = testApp();
    const mtText = Array.from({ length: 6 }, (_, i) => `The team carried out mutual cooperation number ${i + 1}.`).join('\n\n');
    const created = await api(app).post('/api/documents').send({ title: 'Together', sourceLang: 'zh', targetLang: 'en', mtText }).expect(201);
    const segments = (await api(app).get(`/api/documents/${created.body.id}/segments`).expect(200)).body as Array<{ id: number }>;
    const sent = await Promise.all([
      ...segments.map((s, i) => api(app).post(`/api/segments/${s.id}/confirm`).send({ text: `The team worked with partner ${i + 1}.`, baseVersion: 1, confirm: true })),
      // A second reviewer's confirm of the first segment, made on the same version: only one of the two can win.
      as(app, 'lee', 'reviewer').post(`/api/segments/${segments[0].id}/confirm`).send({ text: 'A rival edit.', baseVersion: 1, confirm: true }),
    ]);
    expect(sent.slice(1, 6).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Whichever of the two arrived first is saved; the other is told the segment changed.
    const [winner, loser] = sent[0].status === 200 ? [0, 6] : [6, 0];
    expect([sent[winner].status, sent[loser].status, sent[loser].body.error?.reason]).toEqual([200, 409, 'stale-version']);
    const texts = segments.map((_, i) => (i === 0 && winner === 6 ? 'A rival edit.' : `The team worked with partner ${i + 1}.`));
    const now = await Promise.all(segments.map((s) => segment(app, s.id)));
    expect(now.map((s) => [s.text, s.version, s.status])).toEqual(texts.map((text) => [text, 2, 'reviewed']));
    expect(now[0].history.map((e: { action: string }) => e.action)).toEqual(['proposal.created', 'proposal.accepted', 'segment.status']);
  });

  test('confirms committed together re-run the document checks of a short document once, on the final texts', async () => {
    const { app, services } = testApp();
    const mtText = ['The platform will land next year.', 'The platform will land in spring.', 'Mutual cooperation helps.', 'The team solved 3 problems.'].join('\n\n');
    const created = await api(app).post('/api/documents').send({ title: 'Checks', sourceLang: 'zh', targetLang: 'en', mtText }).expect(201);
    const segments = (await api(app).get(`/api/documents/${created.body.id}/segments`).expect(200)).body as Array<{ id: number }>;
    const documentChecks = jest.spyOn(services.flagger, 'flagDocument');
    const texts = ['The platform launches next year.', 'The platform launches in spring.', 'Cooperation helps.', 'The team solved three problems.'];
    await Promise.all(segments.map((s, i) => services.writes.run(() => services.review.confirm(s.id, { text: texts[i], baseVersion: 1, actor: 'ada', canReview: true, confirm: true }))));
    expect(documentChecks).toHaveBeenCalledTimes(1);
    expect((documentChecks.mock.calls[0][0] as Array<{ text: string }>).map((s) => s.text)).toEqual(texts);
    documentChecks.mockRestore();
  });

  test('bad input is a 400 that says what is wrong', async () => {
    const { app } = testApp();
    const { segments } = await importDoc(app);
    expect((await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: 'x', baseVersion: 'soon' }).expect(400)).body.error.reason).toBe('invalid-field');
    expect((await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: 42, baseVersion: 1 }).expect(400)).body.error.reason).toBe('invalid-field');
    expect((await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: 'y'.repeat(20_001), baseVersion: 1 }).expect(400)).body.error.reason).toBe('text-too-long');
    await api(app).post('/api/segments/999999/confirm').send({ baseVersion: 1 }).expect(404);
  });
});

describe('POST /segments/:id/confirm (the form, without JavaScript)', () => {
  test('saves, confirms and redirects to the next segment that is not reviewed', async () => {
    const { app } = testApp();
    const { documentId, segments } = await importDoc(app);
    const res = await as(app, 'lee', 'reviewer').post(`/segments/${segments[0].id}/confirm`).type('form').send({ text: 'Edited by the form.', baseVersion: '1' }).expect(303);
    expect(res.headers.location).toBe(`/documents/${documentId}#seg-${segments[1].id}`);
    expect(await segment(app, segments[0].id)).toMatchObject({ text: 'Edited by the form.', status: 'reviewed', version: 2 });
  });

  test('answers the page script with the re-rendered row and the next segment to go to', async () => {
    const { app } = testApp();
    const { segments } = await importDoc(app);
    const res = await api(app).post(`/segments/${segments[0].id}/confirm`).set('X-Calque-Fragment', 'row').type('form').send({ baseVersion: '1', confirm: '1' }).expect(200);
    expect(res.headers['x-calque-next']).toBe(String(segments[1].id));
    expect(res.text).toContain(`data-segment="${segments[0].id}"`);
    expect(res.text).toContain('status-reviewed');
  });

  test('the review page offers the confirm form in every row', async () => {
    const { app } = testApp();
    const { documentId, segments } = await importDoc(app);
    const page = await as(app, 'lee', 'reviewer').get(`/documents/${documentId}`).expect(200);
    for (const s of segments) expect(page.text).toContain(`action="/segments/${s.id}/confirm"`);
    expect(page.text).toContain('Save and confirm');
    const editorPage = await as(app, 'eddie', 'editor').get(`/documents/${documentId}`).expect(200);
    expect(editorPage.text).toContain('Propose edit');
    expect(editorPage.text).not.toContain('Save and confirm');
  });
});
