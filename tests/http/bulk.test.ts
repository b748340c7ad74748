import { testApp, api, as } from '../helpers/app';

type App = ReturnType<typeof testApp>['app'];

// Three paragraphs with the rule's phrase, one without.
const MT = [
  'They carried out mutual cooperation on chips.',
  'The firms carried out mutual cooperation on batteries.',
  'Nothing to flag here.',
  'Universities carried out mutual cooperation on research.',
].join('\n\n');

async function importDoc(app: App) {
  const res = await api(app).post('/api/documents').send({ title: 'Bulk', sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(201);
  const segments = (await api(app).get(`/api/documents/${res.body.id}/segments`).expect(200)).body as Array<{ id: number; text: string; version: number }>;
  return { id: res.body.id as number, segments };
}

const reviewer = (app: App) => as(app, 'lee', 'reviewer');
const texts = async (app: App, docId: number) =>
  ((await api(app).get(`/api/documents/${docId}/segments`).expect(200)).body as Array<{ text: string }>).map((s) => s.text);

describe('bulk actions', () => {
  test('a dry run lists every segment it would change, before and after, and changes nothing', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const plan = (await reviewer(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'accept-rule', ruleId: 'test-mutual-cooperation', dryRun: true }).expect(200)).body;
    expect(plan.count).toBe(3);
    expect(plan.bulkId).toBeNull();
    expect(plan.changes.map((c: { number: number; before: string; after: string }) => [c.number, c.before, c.after])).toEqual([
      [1, 'They carried out mutual cooperation on chips.', 'They carried out cooperation on chips.'],
      [2, 'The firms carried out mutual cooperation on batteries.', 'The firms carried out cooperation on batteries.'],
      [4, 'Universities carried out mutual cooperation on research.', 'Universities carried out cooperation on research.'],
    ]);
    expect(await texts(app, doc.id)).toEqual(MT.split('\n\n'));
  });

  test('the form shows the preview page with each change before it runs', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const page = await reviewer(app).post(`/documents/${doc.id}/bulk`).type('form').send({ action: 'accept-rule', ruleId: 'test-mutual-cooperation' }).expect(200);
    expect(page.text).toContain('Accept 3 suggestions of rule test-mutual-cooperation?');
    expect(page.text.match(/<del>mutual <\/del>cooperation/g)).toHaveLength(3);
    expect(await texts(app, doc.id)).toEqual(MT.split('\n\n'));
  });

  test('a bulk action is undone in one step; a segment changed since is kept and reported', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const run = await reviewer(app).post(`/documents/${doc.id}/bulk`).type('form').send({ action: 'accept-rule', ruleId: 'test-mutual-cooperation', confirm: '1' }).expect(303);
    const bulkId = Number(/[?&]bulk=(\d+)/.exec(run.headers.location)![1]);
    const after = await api(app).get(run.headers.location).expect(200);
    expect(after.text).toContain('Undo the whole bulk action');
    expect((await texts(app, doc.id))[0]).toBe('They carried out cooperation on chips.');

    // Someone edits segment 2 after the bulk action.
    const seg2 = (await api(app).get(`/api/segments/${doc.segments[1].id}`)).body;
    const edit = (await api(app).post(`/api/segments/${seg2.id}/proposals`).send({ text: 'The firms worked together on batteries.', baseVersion: seg2.version }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${edit.id}/accept`).expect(200);

    const undo = await reviewer(app).post(`/documents/${doc.id}/bulk/${bulkId}/undo`).type('form').send({}).expect(303);
    const page = await api(app).get(undo.headers.location).expect(200);
    expect(page.text).toContain('Bulk action undone: 2 segments restored. Changed since, so left as they are: segment 2.');
    expect(await texts(app, doc.id)).toEqual([MT.split('\n\n')[0], 'The firms worked together on batteries.', MT.split('\n\n')[2], MT.split('\n\n')[3]]);
    // The proposals the bulk action made are withdrawn, not left pending.
    const seg1 = (await api(app).get(`/api/segments/${doc.segments[0].id}`)).body;
    expect(seg1.proposals.map((p: { state: string }) => p.state)).toEqual(['rejected']);

    // Back on the page that offered it, Undo is no longer offered.
    expect((await api(app).get(run.headers.location).expect(200)).text).not.toContain('Undo the whole bulk action');
    const twice = await reviewer(app).post(`/api/documents/${doc.id}/bulk/${bulkId}/undo`).expect(409);
    expect(twice.body.error.reason).toBe('already-undone');
  });

  test('undoing a bulk rejection makes the proposals pending again', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const seg = doc.segments[2];
    const old = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Old idea.', baseVersion: 1 }).expect(201)).body;
    const fresh = (await api(app).post(`/api/segments/${seg.id}/proposals`).send({ text: 'Nothing to see here.', baseVersion: 1 }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${fresh.id}/accept`).expect(200);
    const done = (await reviewer(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'reject-stale' }).expect(200)).body;
    expect(done).toMatchObject({ count: 1, changes: [{ kind: 'reject', after: 'Old idea.' }] });
    const undone = (await reviewer(app).post(`/api/documents/${doc.id}/bulk/${done.bulkId}/undo`).expect(200)).body;
    expect(undone).toEqual({ restored: 1, kept: [] });
    const states = (await api(app).get(`/api/segments/${seg.id}`)).body.proposals.map((p: { id: number; state: string }) => [p.id, p.state]);
    expect(states).toContainEqual([old.id, 'pending']);
  });
});
