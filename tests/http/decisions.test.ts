import { testApp, api, as, SOURCE, MT } from '../helpers/app';

type App = ReturnType<typeof testApp>['app'];

async function importDoc(app: App) {
  const res = await api(app).post('/api/documents')
    .send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201);
  const segments = (await api(app).get(`/api/documents/${res.body.id}/segments`).expect(200)).body as Array<{ id: number; text: string; version: number }>;
  return { id: res.body.id as number, segments };
}

const reviewer = (app: App) => as(app, 'lee', 'reviewer');
const editor = (app: App) => as(app, 'eddie', 'editor');
const row = (app: App, segmentId: number, docId: number) => api(app).get(`/documents/${docId}`).then((r) => {
  const start = r.text.indexOf(`<tr id="seg-${segmentId}"`);
  return r.text.slice(start, r.text.indexOf('</tr>', start));
});

describe('stale proposals', () => {
  // Segment 1: "The team carried out mutual cooperation with several universities and solved 3 problems."
  test('a stale proposal whose change does not overlap the newer one is applied to the current text', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[1];
    const early = (await editor(app).post(`/api/segments/${seg.id}/proposals`)
      .send({ text: 'The team carried out mutual cooperation with several universities and solved three problems.', baseVersion: 1 }).expect(201)).body;
    const later = (await editor(app).post(`/api/segments/${seg.id}/proposals`)
      .send({ text: 'The team worked with several universities and solved 3 problems.', baseVersion: 1 }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${later.id}/accept`).expect(200);

    const refused = await reviewer(app).post(`/api/proposals/${early.id}/accept`).expect(409);
    expect(refused.body.error.reason).toBe('stale-proposal');
    expect(refused.body.error.message).toMatch(/apply it to the current text/);
    expect(refused.body.error.message).not.toMatch(/\d/);

    const preview = (await api(app).get(`/api/proposals/${early.id}/merge`).expect(200)).body;
    expect(preview).toMatchObject({ stale: true, mergeable: true, merged: 'The team worked with several universities and solved three problems.' });

    const html = await row(app, seg.id, doc.id);
    expect(html).toContain('Apply to the current text');
    expect(html).toMatch(/<del>3<\/del>\s*<ins>three<\/ins>/);

    const applied = (await reviewer(app).post(`/api/proposals/${early.id}/apply-current`).expect(200)).body;
    expect(applied.segment).toMatchObject({ text: 'The team worked with several universities and solved three problems.', version: 3 });
    expect(applied.proposal).toMatchObject({ state: 'accepted', author: 'eddie', decidedBy: 'lee' });
    const history = (await api(app).get(`/api/segments/${seg.id}`).expect(200)).body.history.map((e: { action: string }) => e.action);
    expect(history).toEqual(expect.arrayContaining(['proposal.rebased', 'proposal.accepted']));
  });

  test('an overlapping stale proposal shows both texts and no Accept button; applying it is refused', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[1];
    const early = (await editor(app).post(`/api/segments/${seg.id}/proposals`)
      .send({ text: 'The team cooperated with several universities and solved 3 problems.', baseVersion: 1 }).expect(201)).body;
    const later = (await editor(app).post(`/api/segments/${seg.id}/proposals`)
      .send({ text: 'The team worked with several universities and solved 3 problems.', baseVersion: 1 }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${later.id}/accept`).expect(200);

    const html = await row(app, seg.id, doc.id);
    const card = html.slice(html.indexOf(`data-proposal="${early.id}"`));
    const cardEnd = card.indexOf('</li>');
    expect(card.slice(0, cardEnd)).toContain('This proposal:</span> The team cooperated with');
    expect(card.slice(0, cardEnd)).not.toContain('class="accept"');
    expect(card.slice(0, cardEnd)).toContain('class="reject"');

    const res = await reviewer(app).post(`/api/proposals/${early.id}/apply-current`).expect(409);
    expect(res.body.error.reason).toBe('cannot-merge');
    expect((await api(app).get(`/api/segments/${seg.id}`)).body.text).toBe('The team worked with several universities and solved 3 problems.');
  });
});

describe('undo is offered only where it can succeed', () => {
  test('an accepted proposal superseded by a newer text offers no Undo; the newest one does', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[1];
    const first = (await editor(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'First.', baseVersion: 1 }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${first.id}/accept`).expect(200);
    const second = (await editor(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Second.', baseVersion: 2 }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${second.id}/accept`).expect(200);

    const html = await row(app, seg.id, doc.id);
    expect(html).toContain(`action="/proposals/${second.id}/undo"`);
    expect(html).not.toContain(`action="/proposals/${first.id}/undo"`);
    const refused = await reviewer(app).post(`/api/proposals/${first.id}/undo`).expect(409);
    expect(refused.body.error.message).not.toContain(String(first.id));
  });
});

describe('error messages never show internal ids', () => {
  test('stale edits, unknown proposals and decided proposals are explained in words', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[1];
    const stale = await editor(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Other.', baseVersion: 7 }).expect(409);
    expect(stale.body.error.message).toMatch(/^This segment changed since you loaded it/);
    expect(stale.body.error.message).not.toContain(String(seg.id));
    const missing = await reviewer(app).post('/api/proposals/98765/accept').expect(404);
    expect(missing.body.error.message).toBe('This proposal does not exist.');
    const p = (await editor(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Other.', baseVersion: 1 }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${p.id}/reject`).expect(200);
    const again = await reviewer(app).post(`/api/proposals/${p.id}/accept`).expect(409);
    expect(again.body.error.message).toBe('This proposal was already rejected.');
  });
});

describe('QA warning when confirming', () => {
  // Segment 0 has a major finding ("will land"); segment 1 only a minor one.
  test('marking reviewed with an open major finding warns; confirming sets the status', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const [flagged, minorOnly] = doc.segments;
    const warned = await reviewer(app).post(`/api/segments/${flagged.id}/status`).send({ status: 'reviewed', baseVersion: 1 }).expect(409);
    expect(warned.body.error.reason).toBe('qa-warning');
    expect(warned.body.error.details.warnings).toEqual([expect.objectContaining({ kind: 'finding', severity: 'major', text: 'land' })]);
    expect((await api(app).get(`/api/segments/${flagged.id}`)).body.status).toBe('new');
    await reviewer(app).post(`/api/segments/${flagged.id}/status`).send({ status: 'reviewed', baseVersion: 1, confirm: true }).expect(200);
    expect((await api(app).get(`/api/segments/${flagged.id}`)).body.status).toBe('reviewed');
    await reviewer(app).post(`/api/segments/${minorOnly.id}/status`).send({ status: 'reviewed', baseVersion: 1 }).expect(200);
  });

  test('a pending proposal warns too; the row shows the warning with a confirm button', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[1];
    await editor(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Other.', baseVersion: 1 }).expect(201);
    const res = await reviewer(app).post(`/segments/${seg.id}/status`).set('X-Calque-Fragment', 'row').type('form')
      .send({ status: 'reviewed', baseVersion: '1' }).expect(409);
    expect(res.text).toContain('QA warning:');
    expect(res.text).toContain('A proposal is still waiting for a decision.');
    expect(res.text).toMatch(/name="confirm" value="1"/);
    expect(res.text).toContain('Mark reviewed anyway');
    await reviewer(app).post(`/segments/${seg.id}/status`).set('X-Calque-Fragment', 'row').type('form')
      .send({ status: 'reviewed', baseVersion: '1', confirm: '1' }).expect(200);
  });

  test('without JavaScript the warning is a page with the confirm form', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const res = await reviewer(app).post(`/segments/${doc.segments[0].id}/status`).type('form').send({ status: 'reviewed', baseVersion: '1' }).expect(409);
    expect(res.text).toContain('Mark reviewed anyway');
    expect(res.text).toContain(`action="/segments/${doc.segments[0].id}/status"`);
  });
});

describe('dismissing a finding', () => {
  const REPEATED = ['They carried out mutual cooperation on chips.', 'Firms carried out mutual cooperation on batteries.', 'Labs carried out mutual cooperation on research.'].join('\n\n');

  async function repeatedDoc(app: App) {
    const res = await api(app).post('/api/documents').send({ title: 'Repeated', sourceLang: 'zh', targetLang: 'en', mtText: REPEATED }).expect(201);
    const segments = (await api(app).get(`/api/documents/${res.body.id}/segments`).expect(200)).body as Array<{ id: number; findings: Array<{ id: number; ruleId: string }> }>;
    return { id: res.body.id as number, segments };
  }
  const openFlags = async (app: App, docId: number) =>
    ((await api(app).get(`/api/documents/${docId}`).expect(200)).body as { flags: number }).flags;

  test('the row answers with "Dismissed — Undo" in place, and Undo brings the finding back', async () => {
    const { app } = testApp();
    const doc = await repeatedDoc(app);
    const [first] = doc.segments;
    const finding = first.findings[0];
    const dismissed = await reviewer(app).post(`/findings/${finding.id}/dismiss`).set('X-Calque-Fragment', 'row').type('form').send({}).expect(200);
    expect(dismissed.text).toContain('Dismissed “mutual cooperation” —');
    expect(dismissed.text).toContain('class="link undo-dismiss"');
    expect(dismissed.text).toContain('Dismiss “mutual cooperation” in the whole document (2 more segments)');
    expect(dismissed.text).not.toMatch(/<mark[^>]*>mutual cooperation<\/mark>/);
    expect(await openFlags(app, doc.id)).toBe(2);

    const restored = await reviewer(app).post(`/findings/${finding.id}/dismiss`).set('X-Calque-Fragment', 'row').type('form').send({ restore: '1' }).expect(200);
    expect(restored.text).not.toContain('just-dismissed');
    expect(restored.text).toMatch(/<mark[^>]*>mutual cooperation<\/mark>/);
    expect(await openFlags(app, doc.id)).toBe(3);
  });

  test('a reason is optional and kept with the dismissal', async () => {
    const { app, services } = testApp();
    const doc = await repeatedDoc(app);
    const finding = doc.segments[0].findings[0];
    await reviewer(app).post(`/api/findings/${finding.id}/dismiss`).send({}).expect(200);
    const withReason = await reviewer(app).post(`/findings/${finding.id}/dismiss`).set('X-Calque-Fragment', 'row').type('form').send({ reason: 'House style allows it' }).expect(200);
    expect(withReason.text).toContain('value="House style allows it"');
    const [dismissal] = services.store.dismissals.forSegments([doc.segments[0].id]).get(doc.segments[0].id)!;
    expect(dismissal).toMatchObject({ reason: 'House style allows it', createdBy: 'lee' });
  });

  test('dismissing the phrase in the whole document, and undoing that, in one step each', async () => {
    const { app } = testApp();
    const doc = await repeatedDoc(app);
    const finding = doc.segments[0].findings[0];
    const everywhere = (await reviewer(app).post(`/api/findings/${finding.id}/dismiss`).send({ scope: 'document', reason: 'Accepted term' }).expect(200)).body;
    expect(everywhere).toMatchObject({ dismissed: true, segments: 3, ruleId: 'test-mutual-cooperation', text: 'mutual cooperation' });
    expect(await openFlags(app, doc.id)).toBe(0);
    await reviewer(app).post(`/api/findings/${finding.id}/restore`).send({ scope: 'document' }).expect(200);
    expect(await openFlags(app, doc.id)).toBe(3);
  });

  test('without JavaScript the page after dismissing shows the same Undo line', async () => {
    const { app } = testApp();
    const doc = await repeatedDoc(app);
    const finding = doc.segments[1].findings[0];
    const res = await reviewer(app).post(`/findings/${finding.id}/dismiss`).type('form').send({}).expect(303);
    expect(res.headers.location).toBe(`/documents/${doc.id}?justDismissed=${finding.id}#seg-${doc.segments[1].id}`);
    const page = await reviewer(app).get(res.headers.location).expect(200);
    expect(page.text).toContain('Dismissed “mutual cooperation” —');
  });
});

describe('QA warning on save and confirm', () => {
  test('confirming an unchanged segment with an open major finding warns; confirm=1 confirms', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[0];
    const warned = await reviewer(app).post(`/api/segments/${seg.id}/confirm`).send({ baseVersion: 1 }).expect(409);
    expect(warned.body.error.reason).toBe('qa-warning');
    await reviewer(app).post(`/api/segments/${seg.id}/confirm`).send({ baseVersion: 1, confirm: true }).expect(200);
    expect((await api(app).get(`/api/segments/${seg.id}`)).body.status).toBe('reviewed');
  });

  test('an edit that leaves a major finding is not saved until confirmed; one that fixes it goes through', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[0];
    const keeps = 'The company said the new platform will land early next year.';
    const row = await reviewer(app).post(`/segments/${seg.id}/confirm`).set('X-Calque-Fragment', 'row').type('form').send({ text: keeps, baseVersion: '1' }).expect(409);
    expect(row.text).toContain('QA warning:');
    expect(row.text).toContain('Save and mark reviewed anyway');
    expect(row.text).toContain(`<input type="hidden" name="text" value="${keeps}">`);
    expect((await api(app).get(`/api/segments/${seg.id}`)).body).toMatchObject({ version: 1, text: seg.text });

    const fixes = 'The company said the new platform will go live next year.';
    const done = (await reviewer(app).post(`/api/segments/${seg.id}/confirm`).send({ text: fixes, baseVersion: 1 }).expect(200)).body;
    expect(done).toMatchObject({ applied: true, reviewed: true, segment: { text: fixes, version: 2, status: 'reviewed' } });
  });
});
