import request from 'supertest';
import { testApp, api, as, SOURCE, MT } from '../helpers/app';

describe('the Rules page', () => {
  test('lists every rule with its explanation, examples and suggestions, and searches them', async () => {
    const { app, services } = testApp();
    const all = await api(app).get('/rules').expect(200);
    for (const rule of services.flagger.rules) expect(all.text).toContain(`id="rule-${rule.id}"`);
    expect(all.text).toContain('Cooperation is mutual by definition');
    expect(all.text).toContain('They carried out <mark class="flag sev-minor">mutual cooperation</mark>.');
    // Families, severities and categories in words; the MQM path on hover.
    expect(all.text).toContain('<div class="fam">Built-in checks</div>');
    expect(all.text).toContain('<div class="sub">Minor · <span title="MQM category style/awkward">Awkward style</span></div>');
    expect(all.text).toContain('<div class="fam">Test pack</div>');
    expect(all.text).toContain('<option value="test-pack" >Test pack (');
    expect(all.text).not.toMatch(/checks · (minor|major) ·/);
    const found = await api(app).get('/rules?q=%E8%90%BD%E5%9C%B0').expect(200); // 落地
    expect(found.text).toContain('id="rule-test-platform-land"');
    expect(found.text).not.toContain('id="rule-test-mutual-cooperation"');
  });

  test('shows a hundred rules a page, keeping the search and family from page to page', async () => {
    const { app } = testApp({}, { shippedRules: true });
    const first = await api(app).get('/rules').expect(200);
    expect(first.text.match(/<tr id="rule-/g)).toHaveLength(100);
    const last = await api(app).get('/rules?family=lexicon-idioms-1&page=99').expect(200);
    expect(last.text).toContain('Rules 801–821 of 821 · page 9 of 9');
    expect(last.text).toMatch(/href="\/rules\?family(=|&#x3D;)lexicon-idioms-1&amp;page(=|&#x3D;)8" rel="prev"/);
    expect(last.text).not.toContain('rel="next"');
    // A card's link finds its rule first, even where a hundred others mention the same words.
    const linked = await api(app).get('/rules?q=lx-saidao').expect(200);
    expect(linked.text.indexOf('<tr id="rule-lx-saidao"')).toBe(linked.text.indexOf('<tr id="rule-'));
  });

  test("a finding's card names its rule as a reviewer reads it and links to it on the Rules page", async () => {
    const { app } = testApp();
    const doc = (await api(app).post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: 'The teams began mutual cooperation in in May.' }).expect(201)).body;
    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    // A phrase rule by the Chinese expression behind it, a check by its name; the link finds the rule by its id.
    expect(page.text).toContain('<a class="rule" href="/rules?q=test-mutual-cooperation#rule-test-mutual-cooperation" title="Open this rule, its examples and how often reviewers dismissed it on the Rules page">相互合作</a>');
    expect(page.text).toContain('<a class="rule" href="/rules?q=repeated-word#rule-repeated-word" title="Open this rule, its examples and how often reviewers dismissed it on the Rules page">Repeated word</a>');
    // The category in words, its MQM path on hover.
    expect(page.text).toContain('<span class="cat" title="MQM category style/awkward">Awkward style</span>');
    expect(page.text).toContain('<span class="cat" title="MQM category fluency/grammar">Grammar</span>');
    const linked = await api(app).get('/rules?q=test-mutual-cooperation').expect(200);
    expect(linked.text).toContain('id="rule-test-mutual-cooperation"');
  });

  test('counts how often a rule fired and was dismissed, and marks rules reviewers mostly dismiss', async () => {
    const { app, services } = testApp();
    const mt = Array.from({ length: 6 }, (_, i) => `Team ${i + 1} began mutual cooperation.`).join('\n\n');
    const doc = (await api(app).post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: mt }).expect(201)).body;
    const segments = (await api(app).get(`/api/documents/${doc.id}/segments`)).body as { findings: { id: number }[] }[];
    for (const s of segments.slice(0, 4)) await api(app).post(`/api/findings/${s.findings[0].id}/dismiss`).expect(200);
    const page = await api(app).get('/rules?q=mutual').expect(200);
    const row = page.text.slice(page.text.indexOf('id="rule-test-mutual-cooperation"'));
    expect(row).toMatch(/<td class="num" data-label="Fired">6<\/td>\s*<td class="num" data-label="Dismissed">4 \(67%\)<div class="warn">mostly dismissed/);
    expect(services.store.documents.summary(doc.id)!.flags).toBe(2);
  });

  test('a dismissed finding of a switched-off rule leaves the count once, and other documents keep theirs', async () => {
    const { app, services } = testApp();
    const mt = Array.from({ length: 6 }, (_, i) => `Team ${i + 1} began mutual cooperation.`).join('\n\n');
    const [a, b] = [0, 1].map(() => api(app).post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', mtText: mt }).expect(201));
    const docA = (await a).body;
    const docB = (await b).body;
    const flags = (doc: { id: number }) => services.store.documents.summary(doc.id)!.flags;
    const segments = (await api(app).get(`/api/documents/${docA.id}/segments`)).body as { findings: { id: number }[] }[];
    for (const s of segments.slice(0, 2)) await api(app).post(`/api/findings/${s.findings[0].id}/dismiss`).expect(200);
    expect([flags(docA), flags(docB)]).toEqual([4, 6]);
    await api(app).put(`/api/documents/${docA.id}/rules/test-mutual-cooperation`).send({ enabled: false }).expect(200);
    expect([flags(docA), flags(docB)]).toEqual([0, 6]);
    await api(app).put(`/api/documents/${docA.id}/rules/test-mutual-cooperation`).send({ enabled: true }).expect(200);
    expect([flags(docA), flags(docB)]).toEqual([4, 6]);
    expect(services.store.documents.list().map((d: { flags: number }) => d.flags)).toEqual([6, 4]);
  });

  test('switching a rule off for a document hides its findings there, and switching it on brings them back', async () => {
    const { app, services } = testApp();
    const doc = (await api(app).post('/api/documents').send({ title: 'T', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body;
    expect(services.store.documents.summary(doc.id)!.flags).toBe(2);
    await api(app).post('/rules/test-mutual-cooperation/switch-off').type('form').send({ documentId: String(doc.id) }).expect(303);
    expect(services.store.documents.summary(doc.id)!.flags).toBe(1);
    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).not.toContain('>mutual cooperation</mark>');
    // The switched-off rule is named as on its cards, by its Chinese term, not its id.
    expect(page.text).toContain('相互合作 — switch on');
    expect(page.text).not.toContain('test-mutual-cooperation — switch on');
    await api(app).put(`/api/documents/${doc.id}/rules/test-mutual-cooperation`).send({ enabled: true }).expect(200);
    expect(services.store.documents.summary(doc.id)!.flags).toBe(2);
  });
});

describe('GET /api/rules', () => {
  test('answers every rule, or those a search and family keep, with the exact id first', async () => {
    const { app, services } = testApp({}, { shippedRules: true });
    const all = (await api(app).get('/api/rules').expect(200)).body as { id: string; family: string }[];
    expect(all.map((r) => r.id)).toEqual(services.flagger.rules.map((r) => r.id));
    const family = (await api(app).get('/api/rules?family=lexicon-idioms-1').expect(200)).body as { family: string }[];
    expect(family).toHaveLength(821);
    expect(new Set(family.map((r) => r.family))).toEqual(new Set(['lexicon-idioms-1']));
    const found = (await api(app).get('/api/rules?q=lx-saidao').expect(200)).body as { id: string }[];
    expect(found[0].id).toBe('lx-saidao');
    expect(found.length).toBeLessThan(all.length);
    expect((await api(app).get('/api/rules?q=no-such-words-anywhere').expect(200)).body).toEqual([]);
    // The words a reviewer saw highlighted find the rule, though its texts only give the Chinese and the meaning.
    const byRendering = (await api(app).get('/api/rules?q=C-end').expect(200)).body as { id: string }[];
    expect(byRendering.map((r) => r.id)).toContain('lx-cduan');
  });
});
