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
});
