import request from 'supertest';
import { testApp, api, as, SOURCE, MT } from '../helpers/app';

async function importDoc(app: ReturnType<typeof testApp>['app'], body: Record<string, unknown> = {}) {
  const res = await api(app)
    .post('/api/documents')
    .send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT, ...body })
    .expect(201);
  return res.body as { id: number; segments: number };
}

async function segmentsOf(app: ReturnType<typeof testApp>['app'], id: number) {
  return (await api(app).get(`/api/documents/${id}/segments`).expect(200)).body as Array<{
    id: number; index: number; paragraph: number; source: string; mt: string; text: string; status: string; version: number;
    findings: Array<{ id: number; ruleId: string; start: number; end: number; text: string; suggestions: string[] }>;
    proposals: Array<{ id: number; state: string }>;
  }>;
}

describe('documents API', () => {
  test('imports, aligns and lists a document', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    expect(doc.segments).toBe(2);
    const list = (await api(app).get('/api/documents').expect(200)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: doc.id, title: 'Platform news', sourceLang: 'zh', targetLang: 'en', segments: 2, percentReviewed: 0 });
    const segments = await segmentsOf(app, doc.id);
    expect(segments.map((s) => [s.paragraph, s.source.slice(0, 4)])).toEqual([[0, '公司表示'], [1, '团队与多']]);
    expect(segments[0]).toMatchObject({ mt: segments[0].text, status: 'new', version: 1 });
  });

  test('imports an MT-only document', async () => {
    const { app } = testApp();
    const doc = await importDoc(app, { sourceText: undefined, mtText: 'One sentence. Another one.' });
    const segments = await segmentsOf(app, doc.id);
    expect(segments.map((s) => [s.source, s.text])).toEqual([['', 'One sentence.'], ['', 'Another one.']]);
    expect((await api(app).get(`/api/documents/${doc.id}`)).body.hasSource).toBe(false);
  });

  test.each([
    [{ targetLang: '' }, 'missing-field'],
    [{ mtText: '   \n ' }, 'empty-text'],
    [{ sourceLang: 'Chinese!' }, 'invalid-language'],
    [{ mtText: 42 }, 'invalid-field'],
  ])('refuses %j with 400 %s', async (override, reason) => {
    const { app, services } = testApp();
    const res = await api(app).post('/api/documents')
      .send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: 'Text.', ...override }).expect(400);
    expect(res.body.error.reason).toBe(reason);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(services.store.documents.list()).toEqual([]);
  });

  test('answers malformed JSON with a 400, not a crash', async () => {
    const { app } = testApp();
    const res = await api(app).post('/api/documents').set('Content-Type', 'application/json').send('{"title": ').expect(400);
    expect(res.body.error.reason).toBe('invalid-json');
  });

  test.each(['/api/documents/999', '/api/documents/999/segments', '/api/segments/999', '/api/documents/999/export?format=txt'])('%s is 404', async (url) => {
    const { app } = testApp();
    const res = await api(app).get(url).expect(404);
    expect(res.body.error.reason).toBe('not-found');
  });

  test('a non-numeric id is a 400', async () => {
    const { app } = testApp();
    expect((await api(app).get('/api/documents/abc').expect(400)).body.error.reason).toBe('invalid-id');
  });
});

describe('findings', () => {
  test('flags calques in the MT with offsets into the segment text', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [first, second] = await segmentsOf(app, doc.id);
    for (const s of [first, second]) {
      for (const f of s.findings) expect(s.text.slice(f.start, f.end)).toBe(f.text);
    }
    expect(second.findings.map((f) => f.text)).toContain('mutual cooperation');
  });
});

describe('document-level checks', () => {
  test('flag a name written two ways at import, and clear the flag once an edit makes it consistent', async () => {
    const { app } = testApp();
    const mtText = 'Zhang Yiming spoke first.\n\nZhang Yiming then left.\n\nLater Zhang Yi-ming came back.';
    const doc = (await api(app).post('/api/documents').send({ title: 'Names', sourceLang: 'zh', targetLang: 'en', mtText }).expect(201)).body;
    const before = await segmentsOf(app, doc.id);
    expect(before[2].findings.map((f) => [f.ruleId, f.text, f.suggestions[0]])).toEqual([['name-romanisation', 'Zhang Yi-ming', 'Zhang Yiming']]);
    const p = (await api(app).post(`/api/segments/${before[2].id}/proposals`).send({ findingId: before[2].findings[0].id, index: 0, baseVersion: 1 }).expect(201)).body;
    await api(app).post(`/api/proposals/${p.id}/accept`).expect(200);
    const after = await segmentsOf(app, doc.id);
    expect(after.flatMap((s) => s.findings.map((f) => f.ruleId))).not.toContain('name-romanisation');
  });
});

describe('proposals', () => {
  test('propose, accept: the text changes, the version bumps, findings are recomputed and history kept', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [, seg] = await segmentsOf(app, doc.id);
    const text = 'The team worked with several universities and solved 3 problems.';
    const proposal = (await as(app, 'mei', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text, baseVersion: 1 }).expect(201)).body;
    expect(proposal).toMatchObject({ state: 'pending', author: 'mei', baseVersion: 1, text });

    const accepted = (await as(app, 'lee', 'reviewer').post(`/api/proposals/${proposal.id}/accept`).send({}).expect(200)).body;
    expect(accepted.proposal).toMatchObject({ state: 'accepted', decidedBy: 'lee' });
    expect(accepted.segment).toMatchObject({ text, version: 2, status: 'edited' });

    const after = (await segmentsOf(app, doc.id))[1];
    expect(after.findings.map((f) => f.text)).not.toContain('mutual cooperation');
    const history = (await api(app).get(`/api/segments/${seg.id}`).expect(200)).body.history;
    expect(history.map((e: { action: string; actor: string }) => [e.action, e.actor])).toEqual([
      ['proposal.created', 'mei'],
      ['proposal.accepted', 'lee'],
    ]);
  });

  test('a proposal based on an old version cannot be accepted: 409 with the current state', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const a = (await as(app, 'a', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text: 'Version A.', baseVersion: 1 })).body;
    const b = (await as(app, 'b', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text: 'Version B.', baseVersion: 1 })).body;
    await as(app, 'rev', 'reviewer').post(`/api/proposals/${a.id}/accept`).send({}).expect(200);
    const res = await as(app, 'rev', 'reviewer').post(`/api/proposals/${b.id}/accept`).send({}).expect(409);
    expect(res.body.error).toMatchObject({ reason: 'stale-proposal', details: { current: { text: 'Version A.', version: 2 }, proposal: { text: 'Version B.' } } });
    const segment = (await api(app).get(`/api/segments/${seg.id}`)).body;
    expect(segment.text).toBe('Version A.');
    expect(segment.history.map((e: { action: string }) => e.action)).toContain('proposal.accept-refused');
  });

  test('an accepted edit that keeps a flagged phrase keeps its finding, moved; a phrase edited away loses it', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [, seg] = await segmentsOf(app, doc.id);
    const before = seg.findings.find((f) => f.text === 'mutual cooperation')!;
    const acceptEdit = async (text: string, baseVersion: number) => {
      const p = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text, baseVersion }).expect(201)).body;
      await api(app).post(`/api/proposals/${p.id}/accept`).expect(200);
      return (await segmentsOf(app, doc.id))[1].findings;
    };
    const moved = (await acceptEdit(`Last year, ${seg.text}`, 1)).find((f) => f.text === 'mutual cooperation');
    expect(moved).toMatchObject({ id: before.id, start: before.start + 11, end: before.end + 11, suggestions: before.suggestions });
    expect((await acceptEdit('The team worked with several universities.', 2)).map((f) => f.text)).not.toContain('mutual cooperation');
  });

  test('proposing on a stale version is a 409', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const res = await as(app, 'a', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text: 'New.', baseVersion: 7 }).expect(409);
    expect(res.body.error.reason).toBe('stale-version');
  });

  test('reject records the reason; a decided proposal cannot be decided again', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const p = (await as(app, 'a', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ text: 'Worse.', baseVersion: 1 })).body;
    const rejected = (await as(app, 'rev', 'reviewer').post(`/api/proposals/${p.id}/reject`).send({ reason: 'Changes the meaning' }).expect(200)).body;
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'Changes the meaning', decidedBy: 'rev' });
    await as(app, 'rev', 'reviewer').post(`/api/proposals/${p.id}/accept`).send({}).expect(409);
    expect((await api(app).get(`/api/segments/${seg.id}`)).body.text).toBe(seg.text);
  });

  test('a rule suggestion becomes a proposal with the phrase replaced', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [, seg] = await segmentsOf(app, doc.id);
    const finding = seg.findings.find((f) => f.text === 'mutual cooperation')!;
    const p = (await as(app, 'a', 'editor').post(`/api/segments/${seg.id}/proposals`).send({ findingId: finding.id, index: 0, baseVersion: 1 }).expect(201)).body;
    expect(p.origin).toBe('rule');
    expect(p.ruleId).toBe(finding.ruleId);
    expect(p.text).toBe(seg.text.replace('mutual cooperation', finding.suggestions[0]));
  });

  test.each([
    [{ text: 5, baseVersion: 1 }, 400],
    [{ text: 'x' }, 400],
    [{ text: 'x', baseVersion: 'one' }, 400],
  ])('invalid proposal %j is %i', async (body, status) => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    await api(app).post(`/api/segments/${seg.id}/proposals`).send(body).expect(status);
  });

  test('marking reviewed needs the current version and shows in the progress', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    await api(app).post(`/api/segments/${seg.id}/status`).send({ status: 'reviewed', baseVersion: 2 }).expect(409);
    await api(app).post(`/api/segments/${seg.id}/status`).send({ status: 'reviewed', baseVersion: 1, confirm: true }).expect(200);
    expect((await api(app).get(`/api/documents/${doc.id}`)).body).toMatchObject({ reviewed: 1, percentReviewed: 50 });
  });
});

describe('export', () => {
  test('exports the current text with paragraphs preserved as a UTF-8 download', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const p = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'The platform goes live next year.', baseVersion: 1 })).body;
    await api(app).post(`/api/proposals/${p.id}/accept`).expect(200);
    const res = await api(app).get(`/api/documents/${doc.id}/export?format=txt`).expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=platform-news-1.txt');
    expect(res.text).toBe('The platform goes live next year.\n\nThe team carried out mutual cooperation with several universities and solved 3 problems.\n');
  });

  test('an unknown format is a 400', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    expect((await api(app).get(`/api/documents/${doc.id}/export?format=pdf`).expect(400)).body.error.reason).toBe('unknown-format');
  });
});

describe('undo', () => {
  test('undoing an accepted proposal restores the replaced text as a new version and reopens the proposal', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const p = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Edited.', baseVersion: 1 })).body;
    await api(app).post(`/api/proposals/${p.id}/accept`).expect(200);
    const undone = (await as(app, 'lee', 'reviewer').post(`/api/proposals/${p.id}/undo`).send({}).expect(200)).body;
    expect(undone).toMatchObject({ state: 'pending', baseVersion: 3 });
    const segment = (await api(app).get(`/api/segments/${seg.id}`)).body;
    expect(segment).toMatchObject({ text: seg.mt, version: 3, status: 'new' });
    await api(app).post(`/api/proposals/${p.id}/accept`).expect(200);
  });

  test('an acceptance cannot be undone once the text has changed again', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const a = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'First.', baseVersion: 1 })).body;
    await api(app).post(`/api/proposals/${a.id}/accept`).expect(200);
    const b = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Second.', baseVersion: 2 })).body;
    await api(app).post(`/api/proposals/${b.id}/accept`).expect(200);
    expect((await api(app).post(`/api/proposals/${a.id}/undo`).expect(409)).body.error.reason).toBe('undo-too-late');
  });
});

describe('bulk actions', () => {
  test('a dry run counts, the real run accepts every suggestion of the rule in one go', async () => {
    const { app } = testApp();
    const mtText = 'We began mutual cooperation.\n\nThey kept mutual cooperation going.\n\nNothing to see.';
    const doc = (await api(app).post('/api/documents').send({ title: 'B', sourceLang: 'zh', targetLang: 'en', mtText }).expect(201)).body;
    const dry = (await api(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'accept-rule', ruleId: 'test-mutual-cooperation', dryRun: true }).expect(200)).body;
    expect(dry).toMatchObject({ count: 2, description: 'Accept 2 suggestions of rule test-mutual-cooperation' });
    expect((await segmentsOf(app, doc.id)).map((s) => s.version)).toEqual([1, 1, 1]);
    await api(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'accept-rule', ruleId: 'test-mutual-cooperation' }).expect(200);
    expect((await segmentsOf(app, doc.id)).map((s) => s.text)).toEqual(['We began cooperation.', 'They kept cooperation going.', 'Nothing to see.']);
  });

  test('reject-stale rejects only proposals made on older versions', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [seg] = await segmentsOf(app, doc.id);
    const a = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'A.', baseVersion: 1 })).body;
    const b = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'B.', baseVersion: 1 })).body;
    await api(app).post(`/api/proposals/${a.id}/accept`).expect(200);
    const c = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'C.', baseVersion: 2 })).body;
    expect((await api(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'reject-stale' }).expect(200)).body.count).toBe(1);
    const states = (await api(app).get(`/api/segments/${seg.id}`)).body.proposals.map((p: { id: number; state: string }) => [p.id, p.state]);
    expect(states).toEqual([[a.id, 'accepted'], [b.id, 'rejected'], [c.id, 'pending']]);
  });
});

describe('comments and dismissals', () => {
  test('threaded comments, and a dismissal that survives an edit keeping the phrase', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [, seg] = await segmentsOf(app, doc.id);
    const root = (await as(app, 'mei', 'editor').post(`/api/segments/${seg.id}/comments`).send({ body: 'Is this a term?' }).expect(201)).body;
    await as(app, 'lee', 'reviewer').post(`/api/segments/${seg.id}/comments`).send({ body: 'No.', parentId: root.id }).expect(201);
    await api(app).post(`/api/segments/${seg.id}/comments`).send({ body: '   ' }).expect(400);
    const finding = seg.findings.find((f) => f.text === 'mutual cooperation')!;
    await api(app).post(`/api/findings/${finding.id}/dismiss`).expect(200);
    const p = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: seg.text.replace('several', 'three'), baseVersion: 1 })).body;
    await api(app).post(`/api/proposals/${p.id}/accept`).expect(200);
    const open = (await api(app).get(`/api/documents/${doc.id}/segments?flagged=1`)).body as { id: number }[];
    expect(open.map((s) => s.id)).not.toContain(seg.id);
    const full = (await api(app).get(`/api/segments/${seg.id}`)).body;
    expect(full.comments.map((c: { body: string; parentId: number | null }) => [c.body, c.parentId])).toEqual([['Is this a term?', null], ['No.', root.id]]);
    expect(full.dismissals).toHaveLength(1);
  });
});
