import { testApp, api, as, SOURCE, MT } from '../helpers/app';

/**
 * Every body field is read through its route's schema: the wrong type, an oversized value, a
 * broken character or a fractional page is a plain 400, and nothing is written.
 */
type App = ReturnType<typeof testApp>['app'];

async function setUp() {
  const t = testApp();
  const doc = (await api(t.app).post('/api/documents').send({ title: 'News', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body as { id: number };
  const segment = t.services.store.query.page(doc.id, {}, 1, 0)[0];
  const proposal = (await as(t.app, 'editor', 'editor').post(`/api/segments/${segment.id}/proposals`).send({ text: 'The new platform goes live next year.', baseVersion: 1 }).expect(201)).body as { id: number };
  return { ...t, documentId: doc.id, segment, proposalId: proposal.id };
}

const eventBytes = (app: App, documentId: number) => JSON.stringify(app.locals.services.store.events.forDocument(documentId, 10_000)).length;

describe('bulk actions read a typed body', () => {
  test.each(['true', 1, 'yes', 'false', 0])('dryRun %j is a 400 and accepts nothing', async (dryRun) => {
    const { app, services, documentId, proposalId } = await setUp();
    const res = await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'accept-author', proposalAuthor: 'editor', dryRun }).expect(400);
    expect(res.body.error).toMatchObject({ reason: 'invalid-field', message: '"dryRun" must be true or false.' });
    expect(services.store.proposals.get(proposalId)!.state).toBe('pending');
  });

  test('dryRun true plans without accepting', async () => {
    const { app, services, documentId, proposalId } = await setUp();
    const res = await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'accept-author', proposalAuthor: 'editor', dryRun: true }).expect(200);
    expect(res.body.count).toBe(1);
    expect(services.store.proposals.get(proposalId)!.state).toBe('pending');
  });

  test('a 5 MB proposalAuthor is refused and the event log does not grow', async () => {
    const { app, documentId } = await setUp();
    const before = eventBytes(app, documentId);
    const res = await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'accept-author', proposalAuthor: 'e'.repeat(5 * 1024 * 1024) }).expect(400);
    expect(res.body.error.reason).toBe('text-too-long');
    expect(eventBytes(app, documentId)).toBe(before);
  });

  test('reject-stale stores its reason cleaned like a single rejection, and a 1 MB reason is refused', async () => {
    const { app, services, documentId, segment, proposalId } = await setUp();
    // Another edit makes the editor's proposal stale.
    const other = (await api(app).post(`/api/segments/${segment.id}/proposals`).send({ text: 'Another text.', baseVersion: 1 }).expect(201)).body;
    await api(app).post(`/api/proposals/${other.id}/accept`).expect(200);
    const huge = await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'reject-stale', reason: `a\u0000b${'x'.repeat(1024 * 1024)}` }).expect(400);
    expect(huge.body.error.reason).toBe('text-too-long');
    expect(services.store.proposals.get(proposalId)!.state).toBe('pending');
    await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'reject-stale', reason: ' out\u0000 of\u0007 date ' }).expect(200);
    expect(services.store.proposals.get(proposalId)).toMatchObject({ state: 'rejected', reason: 'out of date' });
  });

  test('an unknown action or a non-string rule is a 400', async () => {
    const { app, documentId } = await setUp();
    expect((await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'accept-everything' }).expect(400)).body.error.reason).toBe('invalid-field');
    expect((await api(app).post(`/api/documents/${documentId}/bulk`).send({ action: 'accept-rule', ruleId: ['x'] }).expect(400)).body.error.message).toBe('"ruleId" must be a string.');
  });
});

describe('text fields', () => {
  test('a lone surrogate is refused with 400 everywhere text is stored, and nothing is stored', async () => {
    const { app, services, segment, proposalId } = await setUp();
    const broken = 'A \ud800 B';
    const sends = [
      api(app).post(`/api/segments/${segment.id}/proposals`).send({ text: broken, baseVersion: 1 }),
      api(app).post(`/api/segments/${segment.id}/comments`).send({ body: broken }),
      api(app).post(`/api/proposals/${proposalId}/reject`).send({ reason: broken }),
      api(app).post('/api/documents').send({ title: broken, sourceLang: 'zh', targetLang: 'en', mtText: 'Text.' }),
      api(app).post('/api/flag').send({ text: `x \udc00 y` }),
      // Written by hand: the escape in capitals, as JSON allows.
      api(app).post(`/api/segments/${segment.id}/comments`).set('content-type', 'application/json').send('{"body": "x \\uDC00 y"}'),
    ];
    for (const send of sends) {
      const res = await send.expect(400);
      expect(res.body.error.reason).toBe('invalid-text');
      expect(res.body.error.message).toMatch(/broken character/);
    }
    expect(services.store.comments.forSegments([segment.id]).get(segment.id) ?? []).toEqual([]);
    expect(services.store.proposals.get(proposalId)!.state).toBe('pending');
    expect(services.store.documents.list()).toHaveLength(1);
    // A well-formed pair (an emoji) is fine.
    await api(app).post(`/api/segments/${segment.id}/comments`).send({ body: 'Nice \ud83d\ude00' }).expect(201);
  });

  test('comment bodies are capped and cleaned of control characters', async () => {
    const { app, services, segment } = await setUp();
    await api(app).post(`/api/segments/${segment.id}/comments`).send({ body: 'x'.repeat(5001) }).expect(400);
    const ok = await api(app).post(`/api/segments/${segment.id}/comments`).send({ body: 'Line\u0000 one\nline two' }).expect(201);
    expect(ok.body.body).toBe('Line one\nline two');
    expect(services.store.comments.forSegments([segment.id]).get(segment.id)).toHaveLength(1);
  });

  test.each([
    ['enabled', (app: App, id: number) => api(app).put(`/api/documents/${id}/rules/calque`).send({ enabled: 'false' }), '"enabled" must be true or false.'],
    ['status', (app: App, id: number, seg: number) => api(app).post(`/api/segments/${seg}/status`).send({ status: ['reviewed'], baseVersion: 1 }), '"status" must be one of new, edited, reviewed, approved.'],
    ['suggestion index', (app: App, _id: number, seg: number) => api(app).post(`/api/segments/${seg}/proposals`).send({ findingId: 1, index: true, baseVersion: 1 }), '"index" must be a whole number.'],
    ['flag text', (app: App) => api(app).post('/api/flag').send({ text: 5 }), '"text" must be a string.'],
  ])('%s of the wrong type is a 400 with a plain message', async (_name, send, message) => {
    const { app, documentId, segment } = await setUp();
    const res = await send(app, documentId, segment.id).expect(400);
    expect(res.body.error.message).toBe(message);
  });
});

describe('paging parameters', () => {
  test.each(['limit=1.5', 'offset=0.5', 'offset=1e20', 'limit=-1', 'limit=0', 'limit=abc', 'offset=-3', 'limit=1e20', 'after=0.5', 'offset=2&after=3'])('GET segments?%s is a 400, not a 500', async (query) => {
    const { app, documentId } = await setUp();
    const res = await api(app).get(`/api/documents/${documentId}/segments?${query}`).expect(400);
    expect(res.body.error.reason).toBe('invalid-field');
  });

  test.each(['page=1.001', 'page=0', 'page=-1', 'page=1e20', 'page=x'])('the review page with %s is a readable 400', async (query) => {
    const { app, documentId } = await setUp();
    const res = await api(app).get(`/documents/${documentId}?${query}`).expect(400);
    expect(res.type).toMatch(/html/);
    expect(res.text).toContain('must be');
  });

  test('a page number past the end shows the last page', async () => {
    const { app, documentId } = await setUp();
    await api(app).get(`/documents/${documentId}?page=99`).expect(200);
  });
});

describe('document fields', () => {
  test.each([
    [{ sourceLang: `zh${'-abcd'.repeat(200_000)}` }, 'invalid-language'],
    [{ format: 'x'.repeat(1_000_000) }, 'invalid-field'],
    [{ title: 't'.repeat(301) }, 'invalid-field'],
  ])('an oversized %# is a 400 and no document is stored', async (override, reason) => {
    const { app, services } = testApp();
    const res = await api(app).post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: 'Text.', ...override }).expect(400);
    expect(res.body.error.reason).toBe(reason);
    expect(services.store.documents.list()).toEqual([]);
  });
});
