import { testApp, api, as } from '../helpers/app';
import { DOCUMENT_RECHECK_NOW } from '../../server/review/review';

type App = ReturnType<typeof testApp>['app'];

const SOURCE = '公司发布了大模型。\n\n字节跳动也发布了大模型。';
const MT = 'The company released a big model.\n\nByte Dance also released a large language model.';

async function importDoc(app: App, title = 'Models') {
  return (await api(app).post('/api/documents').send({ title, sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body as { id: number };
}

async function findingsOf(app: App, id: number) {
  const segments = (await api(app).get(`/api/documents/${id}/segments`).expect(200)).body as Array<{ findings: Array<{ ruleId: string; text: string; suggestions: string[] }> }>;
  return segments.map((s) => s.findings.filter((f) => ['term-not-used', 'forbidden-term'].includes(f.ruleId)).map((f) => `${f.ruleId}: ${f.text}`));
}

describe('glossary API', () => {
  test('an entry added to a document flags where its term is missing or a forbidden variant is used; deleting it clears them', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    expect(await findingsOf(app, doc.id)).toEqual([[], []]);
    const entry = (await api(app).post(`/api/documents/${doc.id}/terms`)
      .send({ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: ['big model'], note: 'House style' }).expect(201)).body;
    expect(entry).toMatchObject({ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: ['big model'], createdBy: 'ada' });
    expect(await findingsOf(app, doc.id)).toEqual([['term-not-used: The company released a big model.', 'forbidden-term: big model'], []]);

    const listed = (await api(app).get(`/api/documents/${doc.id}/terms`).expect(200)).body;
    expect(listed.entries).toHaveLength(1);
    expect(listed.termbases[0]).toMatchObject({ own: true, entries: 1, name: 'Glossary of Models' });

    await api(app).delete(`/api/terms/${entry.id}`).expect(204);
    expect(await findingsOf(app, doc.id)).toEqual([[], []]);
    await api(app).delete(`/api/terms/${entry.id}`).expect(409);
    await api(app).post(`/api/terms/${entry.id}/restore`).expect(200);
    expect((await findingsOf(app, doc.id))[0]).toContain('forbidden-term: big model');
    await api(app).delete(`/api/terms/${entry.id}`).expect(204);
    const actions = (await api(app).get(`/api/documents/${doc.id}/events`)).body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['term.added', 'term.deleted', 'term.restored']));
  });

  test.each(['0', '1'])('a long document keeps its glossary checks when an edit re-checks it after the response (%s worker threads)', async (workers) => {
    const { app } = testApp({ CALQUE_WORKERS: workers });
    // Past DOCUMENT_RECHECK_NOW segments the document checks re-run a second after an edit, not during it.
    const count = DOCUMENT_RECHECK_NOW + 1;
    const source = ['公司发布了大模型。', '它的大模型很快。', ...Array.from({ length: count - 2 }, (_, i) => `第${i + 1}段。`)].join('\n\n');
    const mt = ['The company released a big model.', 'Its model is fast.', ...Array.from({ length: count - 2 }, (_, i) => `Paragraph ${i + 1}.`)].join('\n\n');
    const doc = (await api(app).post('/api/documents').send({ title: 'Long', sourceLang: 'zh', targetLang: 'en', sourceText: source, mtText: mt }).expect(201)).body as { id: number };
    await api(app).post(`/api/documents/${doc.id}/terms`).send({ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: ['big model'] }).expect(201);
    const glossaryFindings = async () => (await findingsOf(app, doc.id)).slice(0, 2);
    expect((await glossaryFindings())[0]).toContain('forbidden-term: big model');
    const segments = (await api(app).get(`/api/documents/${doc.id}/segments?limit=2`).expect(200)).body as Array<{ id: number; version: number }>;
    await api(app).post(`/api/segments/${segments[1].id}/confirm`).send({ text: 'Its big model is fast.', baseVersion: segments[1].version }).expect(200);
    // The edit's own finding comes with the re-check, which must have had the glossary.
    for (let waited = 0; !(await glossaryFindings())[1].includes('forbidden-term: big model') && waited < 15_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await glossaryFindings()).toEqual([
      ['term-not-used: The company released a big model.', 'forbidden-term: big model'],
      ['term-not-used: Its big model is fast.', 'forbidden-term: big model'],
    ]);
  }, 30_000);

  test('the name check takes the glossary spelling as the truth', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    await api(app).post(`/api/documents/${doc.id}/terms`).send({ sourceTerm: '字节跳动', targetTerm: 'ByteDance' }).expect(201);
    const segments = (await api(app).get(`/api/documents/${doc.id}/segments`)).body as Array<{ findings: Array<{ ruleId: string; text: string; suggestions: string[] }> }>;
    expect(segments[1].findings.find((f) => f.ruleId === 'name-romanisation')).toMatchObject({ text: 'Byte Dance', suggestions: ['ByteDance'] });
  });

  test('imports a CSV and a TBX file, exports them again, and shares a glossary with another document', async () => {
    const { app } = testApp();
    const a = await importDoc(app, 'First');
    const b = await importDoc(app, 'Second');
    const csv = 'source,target,note,forbidden\n大模型,large language model,,big model\n';
    expect((await api(app).post(`/api/documents/${a.id}/terms/import`).attach('file', Buffer.from(csv), 'glossary.csv').expect(200)).body).toMatchObject({ imported: 1, entries: 1 });
    const tbx = (await api(app).get(`/api/documents/${a.id}/terms/export?format=tbx`).expect(200)).text;
    expect(tbx).toContain('<term>large language model</term>');
    const res = await api(app).get(`/api/documents/${a.id}/terms/export?format=csv`).expect(200);
    expect(res.headers['content-disposition']).toMatch(/first-\d+-glossary\.csv/);
    expect(res.text).toContain('大模型,large language model,,big model');

    // The second document reads the first one's glossary once shared: its findings appear.
    expect(await findingsOf(app, b.id)).toEqual([[], []]);
    const termbaseId = (await api(app).get(`/api/documents/${a.id}/terms`)).body.termbases[0].id;
    await api(app).put(`/api/documents/${b.id}/termbases/${termbaseId}`).expect(200);
    expect((await findingsOf(app, b.id))[0]).toContain('forbidden-term: big model');
    // TBX import into the second document's own glossary.
    const imported = (await api(app).post(`/api/documents/${b.id}/terms/import`).send({ content: tbx.replace('large language model', 'LLM'), format: 'tbx' }).expect(200)).body;
    expect(imported.imported).toBe(1);
    expect((await api(app).get(`/api/documents/${b.id}/terms`)).body.entries.map((e: { targetTerm: string }) => e.targetTerm).sort()).toEqual(['LLM', 'large language model']);
    await api(app).delete(`/api/documents/${b.id}/termbases/${termbaseId}`).expect(200);
    expect((await api(app).get('/api/termbases')).body).toHaveLength(2);
  });

  test.each([
    [{ sourceTerm: '', targetTerm: 'x' }, 'invalid-term'],
    [{ sourceTerm: '大模型' }, 'invalid-term'],
    [{ sourceTerm: 3, targetTerm: 'x' }, 'invalid-field'],
    [{ sourceTerm: 'a', targetTerm: 'b', forbidden: [1] }, 'invalid-field'],
    [{ sourceTerm: 'a'.repeat(600), targetTerm: 'b' }, 'text-too-long'],
  ])('refuses the entry %j with 400 %s', async (body, reason) => {
    const { app } = testApp();
    const doc = await importDoc(app);
    expect((await api(app).post(`/api/documents/${doc.id}/terms`).send(body).expect(400)).body.error.reason).toBe(reason);
  });

  test('an import is undone as one step: the entries it added go, the ones it changed are as they were', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    await api(app).post(`/api/documents/${doc.id}/terms`).send({ sourceTerm: '大模型', targetTerm: 'large language model', note: 'House style' }).expect(201);
    const csv = 'source,target,note,forbidden\n大模型,large language model,Changed by the file,big model\n字节跳动,ByteDance,,Byte Dance\n';
    const imported = (await api(app).post(`/api/documents/${doc.id}/terms/import`).attach('file', Buffer.from(csv), 'glossary.csv').expect(200)).body;
    expect(imported).toMatchObject({ imported: 2, entries: 2 });
    expect(await findingsOf(app, doc.id)).toEqual([
      ['term-not-used: The company released a big model.', 'forbidden-term: big model'],
      ['term-not-used: Byte Dance also released a large language model.', 'forbidden-term: Byte Dance'],
    ]);

    const undone = (await api(app).post(`/api/term-imports/${imported.importId}/undo`).expect(200)).body;
    expect(undone).toEqual({ documentId: doc.id, entries: 1 });
    const entries = (await api(app).get(`/api/documents/${doc.id}/terms`).expect(200)).body.entries;
    expect(entries).toEqual([expect.objectContaining({ sourceTerm: '大模型', note: 'House style', forbidden: [] })]);
    expect(await findingsOf(app, doc.id)).toEqual([['term-not-used: The company released a big model.'], []]);
    expect((await api(app).post(`/api/term-imports/${imported.importId}/undo`).expect(409)).body.error.reason).toBe('already-undone');
    const events = (await api(app).get(`/api/documents/${doc.id}/events`).expect(200)).body as Array<{ action: string }>;
    expect(events[0].action).toBe('term.import-undone');
  });

  test('refuses a hostile or broken glossary file with a clear 400, and editors cannot change the glossary', async () => {
    const { app } = testApp();
    const doc = await importDoc(app);
    const bomb = '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa">]><tbx/>';
    expect((await api(app).post(`/api/documents/${doc.id}/terms/import`).attach('file', Buffer.from(bomb), 'g.tbx').expect(400)).body.error.reason).toBe('xml-doctype');
    expect((await api(app).post(`/api/documents/${doc.id}/terms/import`).send({ content: '<tbx><text>', format: 'tbx' }).expect(400)).body.error.reason).toBe('malformed-xml');
    expect((await api(app).post(`/api/documents/${doc.id}/terms/import`).send({ content: 'x', format: 'xls' }).expect(400)).body.error.reason).toBe('unknown-format');
    await as(app, 'eddie', 'editor').post(`/api/documents/${doc.id}/terms`).send({ sourceTerm: 'a', targetTerm: 'b' }).expect(403);
    await api(app).get('/api/documents/999/terms').expect(404);
  });
});
