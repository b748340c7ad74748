import path from 'node:path';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { compileKnowledge, Flagger } from '../../server/checks/engine';
import { LLM_RULE_ID } from '../../server/llm/rule';
import { eventView } from '../../server/views/event-view';
import { api, FIXTURES } from '../helpers/app';

// Two versions of the rules, as before and after an upgrade: the first knows only "mutual
// cooperation", the second only "platform will land" (the first rule retired, the second new).
const [pack] = compileKnowledge({ rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' });
const only = (id: string) => new Flagger([{ ...pack, rules: pack.rules.filter((r) => r.id === id) }]);
const before = only('test-mutual-cooperation');
const after = only('test-platform-land');

const MT = 'They carried out mutual cooperation.\n\nThe platform will land soon.\n\nThe project will land next year.';

function appWith(db: ReturnType<typeof openDatabase>, flagger: Flagger) {
  return createApp({ config: { ...loadConfig({ CALQUE_WORKERS: '0' }), dbFile: ':memory:' }, db, flagger });
}

type Segment = { id: number; version: number; text: string; findings: Array<{ ruleId: string; text: string }> };
async function segmentsOf(app: ReturnType<typeof appWith>, id: number): Promise<Segment[]> {
  return (await api(app).get(`/api/documents/${id}/segments`).expect(200)).body as Segment[];
}
const ruleTexts = (s: Segment) => s.findings.map((f) => `${f.ruleId}: ${f.text}`);

describe('findings follow the current rules', () => {
  test('a document flagged with older rules is flagged again: retired rules go, new ones flag, edits and the second reader are kept', async () => {
    const db = openDatabase(':memory:');
    const old = appWith(db, before);
    const doc = (await api(old).post('/api/documents').send({ title: 'Upgrade', sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(201)).body as { id: number };
    let segments = await segmentsOf(old, doc.id);
    expect(segments.map(ruleTexts)).toEqual([['test-mutual-cooperation: mutual cooperation'], [], []]);
    await api(old).post(`/api/segments/${segments[2].id}/confirm`).send({ text: 'The project will land in May.', baseVersion: segments[2].version }).expect(200);
    const { store } = old.locals.services;
    store.findings.replaceRule(segments[1].id, 'text', LLM_RULE_ID, [{ ruleId: LLM_RULE_ID, category: 'style/awkward', severity: 'minor', start: 4, end: 12, text: 'platform', message: 'A second reader noticed this.', suggestions: [] }]);

    // The server starts with the new rules. Until the refresh reaches the document, the finding of
    // the retired rule is shown as such, not by its id, and without a link to a rule that is gone.
    const upgraded = appWith(db, after);
    const page = await api(upgraded).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('<span class="rule retired" title="An update of Calque removed this rule; the document is being checked again with the current rules">Rule no longer in use</span>');
    expect(page.text).not.toContain('href="/rules?q=test-mutual-cooperation');
    expect(await upgraded.locals.services.findingsRefresh.run()).toEqual({ documents: 1, segments: 3 });
    segments = await segmentsOf(upgraded, doc.id);
    expect(segments.map(ruleTexts)).toEqual([
      [],
      ['llm-review: platform', 'test-platform-land: land'],
      ['test-platform-land: land'],
    ]);
    expect(segments[2].text).toBe('The project will land in May.');
    // The MT's own findings (shown when the MT column's findings are asked for) follow too.
    expect(store.findings.forSegment(segments[0].id).filter((f) => f.field === 'mt')).toEqual([]);
    expect(store.findings.forSegment(segments[1].id).filter((f) => f.field === 'mt').map((f) => f.ruleId)).toEqual(['test-platform-land']);

    const event = store.events.forDocument(doc.id).find((e) => e.action === 'document.rechecked')!;
    expect(eventView(event).summary).toBe('checked the document again with updated rules: 2 → 3 open findings');
    // Up to date now: the next start has nothing to do, nor for a document imported with these rules.
    await api(upgraded).post('/api/documents').send({ title: 'New', sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(201);
    expect(await upgraded.locals.services.findingsRefresh.run()).toEqual({ documents: 0, segments: 0 });
  });

  test('a segment edited after it was flagged again keeps the findings of its edit', async () => {
    const db = openDatabase(':memory:');
    const old = appWith(db, before);
    const doc = (await api(old).post('/api/documents').send({ title: 'Race', sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(201)).body as { id: number };
    const upgraded = appWith(db, after);
    const { review, store } = upgraded.locals.services;
    const [first] = await segmentsOf(upgraded, doc.id);
    await api(upgraded).post(`/api/segments/${first.id}/confirm`).send({ text: 'The platform will land in June.', baseVersion: first.version, confirm: true }).expect(200);
    // What the refresh worked out for version 1 arrives after the edit: it is not stored.
    expect(review.storeRecheckedFindings(first.id, first.version, { mt: [], text: [] })).toBe(false);
    expect(store.findings.forSegment(first.id).filter((f) => f.field === 'text').map((f) => f.text)).toEqual(['land']);
  });

  test('a refresh stopped half-way leaves the document to be refreshed at the next start', async () => {
    const db = openDatabase(':memory:');
    const doc = (await api(appWith(db, before)).post('/api/documents').send({ title: 'Stop', sourceLang: 'zh', targetLang: 'en', mtText: MT }).expect(201)).body as { id: number };
    const upgraded = appWith(db, after);
    const { findingsRefresh } = upgraded.locals.services;
    const running = findingsRefresh.run();
    await findingsRefresh.stop();
    expect(await running).toEqual({ documents: 0, segments: 0 });
    expect(upgraded.locals.services.store.documents.checkedOtherwise(after.fingerprint)).toEqual([doc.id]);
    expect(await findingsRefresh.run()).toEqual({ documents: 1, segments: 3 });
  });
});
