import { testApp, api, as } from '../helpers/app';
import { RepetitionService } from '../../server/repetitions/service';

type App = ReturnType<typeof testApp>['app'];
interface Row { id: number; index: number; text: string; version: number; status: string; proposals: Array<{ state: string }> }

const SOURCE = '大模型很热。\n\n公司发布了大模型。\n\n大模型很热。\n\n价格稳定。';
const MT = 'The big model is hot.\n\nThe company released a big model.\n\nThe big model is hot.\n\nPrices held steady.';

async function setup() {
  const { app } = testApp();
  const doc = (await api(app).post('/api/documents').send({ title: 'Models', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body as { id: number };
  return { app, doc };
}
const rowsOf = async (app: App, id: number) => (await api(app).get(`/api/documents/${id}/segments`).expect(200)).body as Row[];
const reviewer = (app: App) => as(app, 'rita', 'reviewer');

describe('find and replace', () => {
  test('the preview lists every match with before → after; a reviewer applies the ticked ones as confirmed edits, undone as one step', async () => {
    const { app, doc } = await setup();
    const preview = (await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: 'big model', replace: 'large language model', wholeWord: true }).expect(200)).body;
    expect(preview.matches).toBe(3);
    expect(preview.segments.map((s: { number: number; after: string }) => [s.number, s.after])).toEqual([
      [1, 'The large language model is hot.'], [2, 'The company released a large language model.'], [3, 'The large language model is hot.'],
    ]);
    // Segment 3 is unticked.
    const ticked = preview.segments.filter((s: { number: number }) => s.number !== 3).map((s: { segmentId: number; version: number }) => ({ segmentId: s.segmentId, version: s.version }));
    const applied = (await reviewer(app).post(`/api/documents/${doc.id}/replace`).send({ find: 'big model', replace: 'large language model', wholeWord: true, segments: ticked }).expect(201)).body;
    expect(applied.segments).toBe(2);
    let rows = await rowsOf(app, doc.id);
    expect(rows.map((r) => [r.text, r.status])).toEqual([
      ['The large language model is hot.', 'reviewed'], ['The company released a large language model.', 'reviewed'], ['The big model is hot.', 'new'], ['Prices held steady.', 'new'],
    ]);
    const events = (await api(app).get(`/api/documents/${doc.id}/events`)).body.map((e: { action: string }) => e.action);
    expect(events).toContain('replace.applied');
    expect(events).not.toContain('repetition.propagated');

    await reviewer(app).post(`/api/replacements/${applied.batchId}/undo`).expect(200);
    rows = await rowsOf(app, doc.id);
    expect(rows.map((r) => r.text)).toEqual(['The big model is hot.', 'The company released a big model.', 'The big model is hot.', 'Prices held steady.']);
    expect((await reviewer(app).post(`/api/replacements/${applied.batchId}/undo`).expect(409)).body.error.reason).toBe('already-undone');
  });

  test('an editor\'s replacement is a set of proposals', async () => {
    const { app, doc } = await setup();
    const editor = as(app, 'eddie', 'editor');
    const preview = (await editor.post(`/api/documents/${doc.id}/replace/preview`).send({ find: 'Prices', replace: 'Costs', matchCase: true }).expect(200)).body;
    const applied = (await editor.post(`/api/documents/${doc.id}/replace`).send({ find: 'Prices', replace: 'Costs', matchCase: true, segments: preview.segments.map((s: { segmentId: number }) => s.segmentId) }).expect(201)).body;
    const rows = await rowsOf(app, doc.id);
    expect(rows[3]).toMatchObject({ text: 'Prices held steady.', proposals: [expect.objectContaining({ state: 'pending', text: 'Costs held steady.' })] });
    await editor.post(`/api/replacements/${applied.batchId}/undo`).expect(200);
    expect((await rowsOf(app, doc.id))[3].proposals[0].state).toBe('rejected');
  });

  test('regular expressions with groups; inline codes are never broken; unsafe patterns refused', async () => {
    const { app } = testApp();
    const xliff = `<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en"><file id="f"><unit id="u1"><segment><source>价格<pc id="1">上涨</pc>了。</source><target>Prices <pc id="1">rose</pc> sharply.</target></segment></unit></file></xliff>`;
    const doc = (await api(app).post('/api/documents').attach('file', Buffer.from(xliff), 'codes.xlf').expect(201)).body;
    const [row] = await rowsOf(app, doc.id);
    expect(row.text).toContain('⟦1⟧');
    const preview = (await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(\\S+) sharply', replace: 'steeply $1', regex: true }).expect(200)).body;
    expect(preview.segments).toHaveLength(0);
    expect(preview.skipped).toBe(1);
    const plain = (await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(P\\w+) (⟦1⟧)?', replace: '$1 went up and ', regex: true }).expect(200)).body;
    expect(plain.segments).toHaveLength(0);
    const grouped = (await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(\\w+)ly\\b', replace: 'in a $1 way', regex: true }).expect(200)).body;
    expect(grouped.segments[0].after).toBe(row.text.replace('sharply', 'in a sharp way'));
    expect((await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(a+)+$', regex: true }).expect(400)).body.error.reason).toBe('invalid-pattern');
    expect((await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(a|aa)+$', regex: true }).expect(400)).body.error.reason).toBe('invalid-pattern');
    await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(colour|color)s?', regex: true }).expect(200);
    expect((await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: '(', regex: true }).expect(400)).body.error.reason).toBe('invalid-pattern');
    expect((await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: 'x', replace: '⟦1⟧' }).expect(400)).body.error.reason).toBe('invalid-field');
  });

  test('the document checks are current after a replacement', async () => {
    const { app, doc } = await setup();
    await reviewer(app).post(`/api/documents/${doc.id}/terms`).send({ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: ['big model'] }).expect(201);
    const flagged = async () => (await rowsOf(app, doc.id) as unknown as Array<{ findings: Array<{ ruleId: string }> }>).map((r) => r.findings.filter((f) => f.ruleId === 'forbidden-term').length);
    expect(await flagged()).toEqual([1, 1, 1, 0]);
    const preview = (await reviewer(app).post(`/api/documents/${doc.id}/replace/preview`).send({ find: 'big model', replace: 'large language model' }).expect(200)).body;
    await reviewer(app).post(`/api/documents/${doc.id}/replace`).send({ find: 'big model', replace: 'large language model', segments: preview.segments.map((s: { segmentId: number }) => s.segmentId) }).expect(201);
    expect(await flagged()).toEqual([0, 0, 0, 0]);
  });

  test('a segment changed since the preview stops the whole replacement', async () => {
    const { app, doc } = await setup();
    const rows = await rowsOf(app, doc.id);
    await reviewer(app).post(`/api/segments/${rows[1].id}/confirm`).send({ text: 'The company launched a big model.', baseVersion: 1 }).expect(200);
    const res = await reviewer(app).post(`/api/documents/${doc.id}/replace`).send({ find: 'big model', replace: 'LLM', segments: [{ segmentId: rows[0].id, version: 1 }, { segmentId: rows[1].id, version: 1 }] }).expect(409);
    expect(res.body.error.message).toMatch(/Segment 2 changed/);
    expect((await rowsOf(app, doc.id))[0].text).toBe('The big model is hot.');
  });
});

describe('repetitions', () => {
  test('opening a document finds its repetitions in the background, a few rows at a time; the confirms after it read no more', async () => {
    const { app, doc } = await setup();
    const { store, review } = app.locals.services;
    const keysFrom = jest.spyOn(store.repetitions, 'keysFrom');
    const keys = jest.spyOn(store.repetitions, 'keys');
    // Ten turns of the event loop: the background build takes one turn per chunk read.
    const turns = async () => {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    };

    // The page warms the app's own memo.
    await api(app).get(`/documents/${doc.id}`).expect(200);
    await turns();
    expect(keysFrom).toHaveBeenCalledTimes(1);

    // Two rows a turn: four segments take three turns (the last one finds fewer than two).
    const repetitions = new RepetitionService(store, review, { warmRowsPerTurn: 2 });
    keysFrom.mockClear();
    repetitions.warm(doc.id);
    expect(keysFrom).not.toHaveBeenCalled();
    await turns();
    expect(keysFrom.mock.calls.map((call) => call[2])).toEqual([0, 2, 4]);

    // An alignment repair (which may change sources) stops a build under way.
    const another = new RepetitionService(store, review, { warmRowsPerTurn: 2 });
    keysFrom.mockClear();
    another.warm(doc.id);
    another.forget(doc.id);
    await turns();
    expect(keysFrom).not.toHaveBeenCalled();
    new RepetitionService(store, review, { warmRowsPerTurn: 2 }).warm(doc.id);
    await turns();

    const [first, , third] = await rowsOf(app, doc.id);
    await reviewer(app).post(`/api/segments/${first.id}/confirm`).send({ text: 'Large language models are in fashion.', baseVersion: first.version }).expect(200);
    expect(keys).not.toHaveBeenCalled();
    const rows = await rowsOf(app, doc.id);
    expect(rows.find((r) => r.id === third.id)!.text).toBe('Large language models are in fashion.');
  });

  test('confirming a segment gives its repetitions its text (on by default), undone as one step; the setting switches it off', async () => {
    const { app, doc } = await setup();
    const groups = (await api(app).get(`/api/documents/${doc.id}/repetitions`).expect(200)).body;
    expect(groups.settings).toEqual({ autoPropagate: true });
    expect(groups.groups.map((g: { segments: Array<{ number: number }> }) => g.segments.map((s) => s.number))).toEqual([[1, 3]]);
    const repeated = (await api(app).get(`/api/documents/${doc.id}/segments?repeated=1`).expect(200)).body;
    expect(repeated.map((r: { index: number }) => r.index + 1)).toEqual([1, 3]);
    // Grouped: each group of repetitions together, where its first segment is.
    const grouped = (await api(app).post('/api/documents').send({ title: 'Groups', sourceLang: 'zh', targetLang: 'en', sourceText: '甲。\n\n乙。\n\n甲。\n\n乙。', mtText: 'A.\n\nB.\n\nA.\n\nB.' }).expect(201)).body;
    expect((await api(app).get(`/api/documents/${grouped.id}/segments?repeated=1`)).body.map((r: { index: number }) => r.index + 1)).toEqual([1, 3, 2, 4]);
    const rows = await rowsOf(app, doc.id);
    await reviewer(app).post(`/api/segments/${rows[0].id}/confirm`).send({ text: 'Large language models are hot.', baseVersion: 1 }).expect(200);
    let after = await rowsOf(app, doc.id);
    expect(after[2]).toMatchObject({ text: 'Large language models are hot.', status: 'edited' });
    const history = (await api(app).get(`/api/segments/${rows[2].id}`)).body.history.map((e: { action: string }) => e.action);
    expect(history).toEqual(['proposal.created', 'proposal.accepted', 'repetition.received']);
    const event = (await api(app).get(`/api/documents/${doc.id}/events`)).body.find((e: { action: string }) => e.action === 'repetition.propagated');
    await reviewer(app).post(`/api/propagations/${event.details.batchId}/undo`).expect(200);
    after = await rowsOf(app, doc.id);
    expect(after.map((r) => r.text)).toEqual(['Large language models are hot.', 'The company released a big model.', 'The big model is hot.', 'Prices held steady.']);

    await reviewer(app).put(`/api/documents/${doc.id}/repetitions/settings`).send({ autoPropagate: false }).expect(200);
    await reviewer(app).post(`/api/segments/${rows[0].id}/confirm`).send({ text: 'LLMs are hot.', baseVersion: after[0].version }).expect(200);
    expect((await rowsOf(app, doc.id))[2].text).toBe('The big model is hot.');
    // An editor's click proposes: the repetition keeps its text until a reviewer decides.
    expect((await as(app, 'eddie', 'editor').post(`/api/segments/${rows[0].id}/propagate`).expect(200)).body.segments).toEqual([3]);
    const third = (await rowsOf(app, doc.id))[2];
    expect(third.text).toBe('The big model is hot.');
    expect(third.proposals.filter((p) => p.state === 'pending')).toEqual([expect.objectContaining({ text: 'LLMs are hot.', author: 'eddie' })]);
    // A reviewer's click applies it.
    expect((await reviewer(app).post(`/api/segments/${rows[0].id}/propagate`).expect(200)).body.segments).toEqual([3]);
    expect((await rowsOf(app, doc.id))[2].text).toBe('LLMs are hot.');
  });
});
