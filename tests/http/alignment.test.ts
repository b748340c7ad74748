import { testApp, api, as } from '../helpers/app';

type App = ReturnType<typeof testApp>['app'];
interface Row { id: number; index: number; source: string; mt: string; text: string; version: number; status: string; findings: Array<{ ruleId: string }> }

async function importTsv(app: App, tsv: string) {
  return (await api(app).post('/api/documents').field('sourceLang', 'zh').field('targetLang', 'en').attach('file', Buffer.from(tsv), 'doc.tsv').expect(201)).body as { id: number };
}
const rowsOf = async (app: App, id: number) => (await api(app).get(`/api/documents/${id}/segments`).expect(200)).body as Row[];
const reviewer = (app: App) => as(app, 'rita', 'reviewer');

describe('alignment repair', () => {
  test('an import whose source and MT counts differ says so and marks the rows most likely misaligned', async () => {
    const { app } = testApp();
    const doc = (await api(app).post('/api/documents').send({
      title: 'Uneven', sourceLang: 'zh', targetLang: 'en',
      sourceText: '公司成立于2010年，总部位于杭州。\n\n去年营收增长了3%。',
      mtText: 'The company was founded in 2010.\n\nIts headquarters are in Hangzhou.\n\nRevenue grew 3% last year.',
    }).expect(201)).body;
    const status = (await api(app).get(`/api/documents/${doc.id}/alignment`).expect(200)).body;
    expect(status.note).toEqual({ sourceParagraphs: 2, mtParagraphs: 3, sourceSentences: 2, mtSentences: 3, differs: true });
    expect(status.suspects.length).toBeGreaterThan(0);
    expect(status.suspects[0]).toEqual({ segmentId: expect.any(Number), index: expect.any(Number), reason: expect.any(String) });
    const marked = (await api(app).get(`/api/documents/${doc.id}/segments?misaligned=1`).expect(200)).body;
    expect(marked.map((r: { id: number }) => r.id)).toEqual(status.suspects.map((m: { segmentId: number }) => m.segmentId));

    const even = (await api(app).post('/api/documents').send({ title: 'Even', sourceLang: 'zh', targetLang: 'en', sourceText: '价格稳定。', mtText: 'Prices held steady.' }).expect(201)).body;
    expect((await api(app).get(`/api/documents/${even.id}/alignment`)).body).toMatchObject({ note: { differs: false }, suspects: [] });
  });

  test('merging two rows joins source, MT and text; the number check holds across the merged row; undo puts both back', async () => {
    const { app } = testApp();
    const doc = await importTsv(app, 'source\tmt\n去年营收增长了3%，利润增长了5%。\tRevenue grew 3% last year.\n\tProfit grew 5%.\n价格稳定。\tPrices held steady.\n');
    const [first, second, third] = await rowsOf(app, doc.id);
    expect(first.findings.map((f) => f.ruleId)).toContain('number-mismatch');
    await reviewer(app).post(`/api/segments/${second.id}/comments`).send({ body: 'belongs above' }).expect(201);

    const merged = (await reviewer(app).post(`/api/segments/${first.id}/merge`).send({ baseVersion: 1, nextVersion: 1 }).expect(200)).body;
    expect(merged.segment).toMatchObject({ text: 'Revenue grew 3% last year. Profit grew 5%.', source: '去年营收增长了3%，利润增长了5%。', version: 2 });
    const rows = await rowsOf(app, doc.id);
    expect(rows.map((r) => [r.index, r.mt])).toEqual([[0, 'Revenue grew 3% last year. Profit grew 5%.'], [1, 'Prices held steady.']]);
    expect(rows[0].findings.map((f) => f.ruleId)).not.toContain('number-mismatch');
    expect(rows[1].id).toBe(third.id);
    // The comment moved with its row.
    expect((await api(app).get(`/api/segments/${first.id}`)).body.comments.map((c: { body: string }) => c.body)).toEqual(['belongs above']);
    const history = (await api(app).get(`/api/segments/${first.id}`)).body.history.map((e: { action: string }) => e.action);
    expect(history).toContain('alignment.merged');

    await reviewer(app).post(`/api/alignment/${merged.opId}/undo`).expect(200);
    const back = await rowsOf(app, doc.id);
    expect(back.map((r) => [r.id, r.index, r.source, r.mt])).toEqual([
      [first.id, 0, first.source, first.mt], [second.id, 1, '', 'Profit grew 5%.'], [third.id, 2, '价格稳定。', 'Prices held steady.'],
    ]);
    expect(back[0].findings.map((f) => f.ruleId)).toContain('number-mismatch');
    expect((await api(app).get(`/api/segments/${second.id}`)).body.comments).toHaveLength(1);
    expect((await reviewer(app).post(`/api/alignment/${merged.opId}/undo`).expect(409)).body.error.reason).toBe('already-undone');
  });

  test('splitting a row at a point of the source and of the MT makes two rows; undo joins them again', async () => {
    const { app } = testApp();
    const source = '公司成立于2010年。去年营收增长了3%。';
    const mt = 'The company was founded in 2010. Revenue grew 3% last year.';
    const doc = await importTsv(app, `source\tmt\n${source}\t${mt}\n价格稳定。\tPrices held steady.\n`);
    const [row] = await rowsOf(app, doc.id);
    const split = (await reviewer(app).post(`/api/segments/${row.id}/split`).send({ sourceAt: source.indexOf('。') + 1, mtAt: mt.indexOf('.') + 1, baseVersion: 1 }).expect(201)).body;
    expect(split.segment).toMatchObject({ source: '公司成立于2010年。', mt: 'The company was founded in 2010.', text: 'The company was founded in 2010.' });
    expect(split.created).toMatchObject({ index: 1, source: '去年营收增长了3%。', mt: 'Revenue grew 3% last year.' });
    expect((await rowsOf(app, doc.id)).map((r) => r.index)).toEqual([0, 1, 2]);
    await reviewer(app).post(`/api/alignment/${split.opId}/undo`).expect(200);
    expect((await rowsOf(app, doc.id)).map((r) => [r.source, r.mt])).toEqual([[source, mt], ['价格稳定。', 'Prices held steady.']]);
  });

  test('moving the last source sentence down and the first MT sentence up touches two rows only', async () => {
    const { app } = testApp();
    const doc = await importTsv(app, 'source\tmt\n公司成立于2010年。去年营收增长了3%。\tThe company was founded in 2010.\n\tRevenue grew 3% last year. Prices held steady.\n价格稳定。\t\n');
    const [a, b, c] = await rowsOf(app, doc.id);
    const down = (await reviewer(app).post(`/api/segments/${a.id}/move`).send({ side: 'source', direction: 'down' }).expect(200)).body;
    expect([down.segment.source, down.other.source]).toEqual(['公司成立于2010年。', '去年营收增长了3%。']);
    const up = (await reviewer(app).post(`/api/segments/${c.id}/move`).send({ side: 'mt', direction: 'up' }).expect(400)).body;
    expect(up.error.reason).toBe('nothing-to-move');
    const moved = (await reviewer(app).post(`/api/segments/${b.id}/move`).send({ side: 'mt', direction: 'down' }).expect(200)).body;
    expect([moved.segment.mt, moved.other.mt, moved.other.text]).toEqual(['Revenue grew 3% last year.', 'Prices held steady.', 'Prices held steady.']);
    await reviewer(app).post(`/api/alignment/${moved.opId}/undo`).expect(200);
    expect((await rowsOf(app, doc.id)).map((r) => r.mt)).toEqual(['The company was founded in 2010.', 'Revenue grew 3% last year. Prices held steady.', '']);
  });

  test('a repair is not undone once a row it left was edited', async () => {
    const { app } = testApp();
    const doc = await importTsv(app, 'source\tmt\n价格稳定。\tPrices held steady.\n需求回升。\tDemand picked up.\n');
    const [a] = await rowsOf(app, doc.id);
    const merged = (await reviewer(app).post(`/api/segments/${a.id}/merge`).send({}).expect(200)).body;
    const proposal = (await reviewer(app).post(`/api/segments/${a.id}/proposals`).send({ text: 'Prices held. Demand rose.', baseVersion: merged.segment.version }).expect(201)).body;
    await reviewer(app).post(`/api/proposals/${proposal.id}/accept`).expect(200);
    expect((await reviewer(app).post(`/api/alignment/${merged.opId}/undo`).expect(409)).body.error.reason).toBe('undo-too-late');
    expect((await rowsOf(app, doc.id)).map((r) => r.text)).toEqual(['Prices held. Demand rose.']);
  });

  test('refuses what it cannot do with a clear 4xx', async () => {
    const { app } = testApp();
    const doc = await importTsv(app, 'source\tmt\n价格稳定。\tPrices held steady.\n');
    const [row] = await rowsOf(app, doc.id);
    expect((await reviewer(app).post(`/api/segments/${row.id}/merge`).send({}).expect(400)).body.error.reason).toBe('no-next-segment');
    expect((await reviewer(app).post(`/api/segments/${row.id}/split`).send({}).expect(400)).body.error.reason).toBe('missing-field');
    expect((await reviewer(app).post(`/api/segments/${row.id}/split`).send({ mtAt: 999 }).expect(400)).body.error.reason).toBe('invalid-field');
    expect((await reviewer(app).post(`/api/segments/${row.id}/move`).send({ side: 'left', direction: 'up' }).expect(400)).body.error.reason).toBe('invalid-field');
    expect((await reviewer(app).post(`/api/segments/${row.id}/merge`).send({ baseVersion: 5 }).expect(409)).body.error.reason).toBe('stale-version');
    await as(app, 'eddie', 'editor').post(`/api/segments/${row.id}/merge`).send({}).expect(403);
    await reviewer(app).post('/api/alignment/999/undo').expect(404);
  });
});
