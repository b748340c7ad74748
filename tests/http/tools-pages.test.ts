import { testApp, api, as, SOURCE, MT } from '../helpers/app';

describe('tools page', () => {
  test('shows every tool, and its forms work without a script', async () => {
    const { app } = testApp();
    const doc = (await api(app).post('/api/documents').send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body;
    const page = (await api(app).get(`/documents/${doc.id}/tools`).expect(200)).text;
    for (const heading of ['Find and replace', 'Repetitions', 'Glossary', 'Error annotations (MQM)', 'Alignment']) expect(page).toContain(heading);
    const reviewer = as(app, 'rita', 'reviewer');
    const term = await reviewer.post(`/documents/${doc.id}/tools/terms`).type('form').send({ sourceTerm: '落地', targetTerm: 'launch', forbidden: 'land' }).expect(303);
    expect(term.headers.location).toMatch(/tools\?notice=.*#glossary$/);
    const preview = (await reviewer.post(`/documents/${doc.id}/tools/replace`).type('form').send({ find: 'land', replace: 'launch', wholeWord: '1' }).expect(200)).text;
    expect(preview).toContain('The company said the new platform will launch next year.');
    const key = /name="segment" value="([\d:]+)"/.exec(preview)![1];
    const applied = await reviewer.post(`/documents/${doc.id}/tools/replace/apply`).type('form').send({ find: 'land', replace: 'launch', wholeWord: '1', segment: key }).expect(303);
    expect(applied.headers.location).toContain('undo=replace%3A');
    await reviewer.post(`/documents/${doc.id}/tools/annotations`).type('form').send({ segment: '2', field: 'text', words: 'mutual cooperation', category: 'style/awkward', severity: 'major' }).expect(303);
    const after = (await api(app).get(`/documents/${doc.id}/tools`).expect(200)).text;
    expect(after).toContain('“mutual cooperation”');
    expect(after).toMatch(/data-figure="mqm-verdict">(pass|fail)</);
    const bad = await reviewer.post(`/documents/${doc.id}/tools/replace`).type('form').send({ find: '(', regex: '1' }).expect(400);
    expect(bad.text).toContain('The regular expression is not valid');
    await as(app, 'eddie', 'editor').post(`/documents/${doc.id}/tools/terms`).type('form').send({ sourceTerm: 'a', targetTerm: 'b' }).expect(403);
  });

  test('a glossary import and a glossary shared from another document are each undone from the notice', async () => {
    const { app } = testApp();
    const newDoc = async (title: string) => (await api(app).post('/api/documents').send({ title, sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body as { id: number };
    const a = await newDoc('First');
    const b = await newDoc('Second');
    const reviewer = as(app, 'rita', 'reviewer');
    const csv = Buffer.from('source,target\n落地,launch\n赋能,help\n');
    const imported = await reviewer.post(`/documents/${a.id}/tools/terms/import`).attach('file', csv, 'glossary.csv').expect(303);
    const page = (await reviewer.get(imported.headers.location).expect(200)).text;
    const undoImport = /<form method="post" action="(\/term-imports\/\d+\/undo)"/.exec(page)?.[1];
    expect(undoImport).toBeDefined();
    await reviewer.post(undoImport!).type('form').send({}).expect(303);
    expect((await api(app).get(`/api/documents/${a.id}/terms`).expect(200)).body.entries).toEqual([]);

    await reviewer.post(`/documents/${b.id}/tools/terms`).type('form').send({ sourceTerm: '落地', targetTerm: 'launch' }).expect(303);
    const own = (await api(app).get(`/api/documents/${b.id}/terms`).expect(200)).body.termbases[0].id as number;
    const shared = await reviewer.post(`/documents/${a.id}/tools/termbases`).type('form').send({ termbaseId: String(own) }).expect(303);
    expect((await api(app).get(`/api/documents/${a.id}/terms`).expect(200)).body.entries).toHaveLength(1);
    const undoShare = /<form method="post" action="([^"]+\/unshare)"/.exec((await reviewer.get(shared.headers.location).expect(200)).text)?.[1];
    expect(undoShare).toBe(`/documents/${a.id}/tools/termbases/${own}/unshare`);
    const unshared = await reviewer.post(undoShare!).type('form').send({}).expect(303);
    expect((await api(app).get(`/api/documents/${a.id}/terms`).expect(200)).body.entries).toEqual([]);
    // And the undo of stopping shares it again.
    const again = /<form method="post" action="([^"]+\/share)"/.exec((await reviewer.get(unshared.headers.location).expect(200)).text)?.[1];
    await reviewer.post(again!).type('form').send({}).expect(303);
    expect((await api(app).get(`/api/documents/${a.id}/terms`).expect(200)).body.entries).toHaveLength(1);
  });
});
