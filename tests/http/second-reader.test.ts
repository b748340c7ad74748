import { testApp, api, as, SOURCE, MT } from '../helpers/app';
import { startFakeLlm, closedPortUrl, type FakeLlm } from '../helpers/llm-server';
import { SecondReader } from '../../server/llm/second-reader';

type App = ReturnType<typeof testApp>['app'];

const env = (url: string, extra: Record<string, string> = {}) => ({ CALQUE_LLM_BASE_URL: url, CALQUE_LLM_MODEL: 'test-model', CALQUE_LLM_TIMEOUT_MS: '400', CALQUE_LLM_RETRY_MS: '5', ...extra });

async function importDoc(app: App, mtText = MT, sourceText: string | undefined = SOURCE) {
  const res = await api(app).post('/api/documents').send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText, mtText }).expect(201);
  const segments = (await api(app).get(`/api/documents/${res.body.id}/segments`).expect(200)).body as { id: number; text: string; version: number }[];
  return { id: res.body.id as number, segments };
}

const CALQUE = { span: 'carried out mutual cooperation', category: 'style/awkward', severity: 'major', explanation: 'A word-for-word rendering of 相互合作.', suggestion: 'worked' };

async function waitForJob(app: App, jobId: number) {
  for (let i = 0; i < 200; i++) {
    const job = (await api(app).get(`/api/second-reader/jobs/${jobId}`).expect(200)).body;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the job did not finish');
}

let llm: FakeLlm;
beforeEach(async () => {
  llm = await startFakeLlm();
});
afterEach(async () => {
  await llm.close();
});

describe('the second reader is off without an endpoint', () => {
  test('nothing is sent anywhere, no button is shown, and asking says it is not set up', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const { app } = testApp();
      const doc = await importDoc(app);
      const page = await api(app).get(`/documents/${doc.id}`).expect(200);
      expect(page.text).not.toContain('Ask the second reader');
      expect(page.text).not.toContain('id="second-reader"');
      const res = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(409);
      expect(res.body.error.reason).toBe('second-reader-off');
      await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(409);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(llm.requests).toHaveLength(0);
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe('asking about one segment', () => {
  test('its errors become llm-review findings and its suggestion a pending proposal by llm:<model>', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', { errors: [CALQUE, { span: 'words the text does not have', category: 'accuracy/omission', severity: 'minor', explanation: '', suggestion: '' }] });
    const res = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(200);
    expect(res.body).toMatchObject({ model: 'test-model', cached: false, errors: 1, dropped: 1, proposals: 1 });
    expect(res.body.findings).toEqual([expect.objectContaining({ ruleId: 'llm-review', text: 'carried out mutual cooperation', category: 'style/awkward', severity: 'major', explanation: CALQUE.explanation, suggestions: ['worked'] })]);
    expect(res.body.findings[0].message).toContain('test-model');
    expect(res.body.pendingProposals).toEqual([expect.objectContaining({ author: 'llm:test-model', ruleId: 'llm-review', text: 'The team worked with several universities and solved 3 problems.', state: 'pending' })]);

    // What was sent: the source, the text, the language pair, the neighbours, and the JSON schema.
    expect(llm.requests).toHaveLength(1);
    const user = llm.requests[0].messages[1].content;
    expect(user).toContain('攻克了3项难题');
    expect(user).toContain('English text to review: The team carried out mutual cooperation');
    expect(user).toContain('zh → en');
    expect(user).toContain('Previous segment (context only): The company said');
    expect(llm.requests[0].response_format).toMatchObject({ type: 'json_schema' });
    expect(llm.requests[0].model).toBe('test-model');

    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('second-reader-badge');
    expect(page.text).toContain('Second reader (test-model)');
    expect(page.text).toContain('llm:test-model');
    expect(page.text).toContain('Ask the second reader');
  });

  test('asking twice costs nothing: the answer comes from the cache and no proposal is made again', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', { errors: [CALQUE] });
    await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(200);
    const again = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(200);
    expect(again.body).toMatchObject({ cached: true, errors: 1, proposals: 0 });
    expect(llm.requests).toHaveLength(1);
    expect(again.body.pendingProposals).toHaveLength(1);
    expect(again.body.findings).toHaveLength(1);
  });

  test('its finding stays through an edit that keeps its words, moved with them, and goes with an edit that removes them', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    const segment = doc.segments[1];
    llm.on('mutual cooperation', { errors: [CALQUE] });
    const asked = await api(app).post(`/api/segments/${segment.id}/second-reader`).expect(200);
    const before = asked.body.findings[0] as { id: number; start: number; end: number };
    // Its findings on the current text (those on the MT stay as they were).
    const secondReaderFindings = async () => ((await api(app).get(`/api/segments/${segment.id}`).expect(200)).body.findings as { id: number; ruleId: string; field: string; start: number; end: number; text: string }[])
      .filter((f) => f.ruleId === 'llm-review' && f.field === 'text');
    const confirm = async (text: string, baseVersion: number) => api(app).post(`/api/segments/${segment.id}/confirm`).send({ text, baseVersion, confirm: true }).expect(200);

    await confirm(`Last year, ${segment.text}`, segment.version);
    expect(await secondReaderFindings()).toEqual([expect.objectContaining({ id: before.id, text: CALQUE.span, start: before.start + 11, end: before.end + 11 })]);
    await confirm('Last year, the team worked with several universities.', segment.version + 1);
    expect(await secondReaderFindings()).toEqual([]);
  });

  test('the proposal is accepted like any other, and the change log names its author and rule', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', { errors: [CALQUE] });
    const asked = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(200);
    await api(app).post(`/api/proposals/${asked.body.pendingProposals[0].id}/accept`).expect(200);
    const changes = await api(app).get(`/api/documents/${doc.id}/export?format=changes-json`).expect(200);
    expect(JSON.parse(changes.text)).toEqual([expect.objectContaining({ author: 'llm:test-model', decision: 'accepted', rule: 'llm-review', after: 'The team worked with several universities and solved 3 problems.' })]);
    const events = (await api(app).get(`/api/documents/${doc.id}/events`).expect(200)).body as { actor: string; action: string }[];
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'llm:test-model', action: 'proposal.created' }), expect.objectContaining({ action: 'second-reader.read' })]));
  });

  test('bulk actions take the second reader: accept every proposal by llm:<model>, or every suggestion of rule llm-review', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', { errors: [CALQUE] });
    llm.on('new platform', { errors: [{ ...CALQUE, span: 'will land', suggestion: 'will launch' }] });
    for (const s of doc.segments) await api(app).post(`/api/segments/${s.id}/second-reader`).expect(200);
    const plan = await api(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'accept-author', proposalAuthor: 'llm:test-model', dryRun: true }).expect(200);
    expect(plan.body.count).toBe(2);
    const byRule = await api(app).post(`/api/documents/${doc.id}/bulk`).send({ action: 'accept-rule', ruleId: 'llm-review' }).expect(200);
    expect(byRule.body.count).toBe(2);
    const texts = (await api(app).get(`/api/documents/${doc.id}/segments`).expect(200)).body.map((s: { text: string }) => s.text);
    expect(texts).toEqual(['The company said the new platform will launch next year.', 'The team worked with several universities and solved 3 problems.']);
  });

  test.each([
    ['text around the JSON', { content: `Here you go:\n${JSON.stringify({ errors: [CALQUE] })}\nThanks.` }, 1, 0],
    ['a code fence', { content: '```json\n' + JSON.stringify({ errors: [CALQUE] }) + '\n```' }, 1, 0],
    ['a missing field', { content: JSON.stringify({ errors: [{ span: 'mutual cooperation' }] }) }, 1, 0],
    ['an unknown category', { content: JSON.stringify({ errors: [{ ...CALQUE, category: 'Nonsense/Thing' }] }) }, 1, 0],
    ['a span not in the text', { content: JSON.stringify({ errors: [{ ...CALQUE, span: 'entered its second half' }] }) }, 0, 1],
    ['curly quotes and doubled spaces in the span', { content: JSON.stringify({ errors: [{ ...CALQUE, span: 'carried  out mutual   cooperation' }] }) }, 1, 0],
  ])('a reply with %s is read defensively', async (_name, answer, errors, dropped) => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', answer);
    const res = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(200);
    expect(res.body).toMatchObject({ errors, dropped });
    for (const f of res.body.findings) expect(['accuracy/mistranslation', 'style/awkward']).toContain(f.category);
  });
});

describe('failures are said on the segment, never as a 5xx of Calque', () => {
  const cases: [string, Parameters<FakeLlm['on']>[1], string, RegExp][] = [
    ['a timeout', { hang: true }, 'second-reader-timeout', /did not answer within 0.4 s/],
    ['429', { status: 429 }, 'second-reader-rate-limited', /busy/],
    ['500', { status: 500 }, 'second-reader-server-error', /HTTP 500/],
    ['a malformed completion', { raw: '<html>oops' }, 'second-reader-malformed', /not a chat completion/],
    ['a reply without JSON', { content: 'I am sorry, I cannot review this.' }, 'second-reader-malformed', /could not be read/],
    ['a dropped connection', { destroy: true }, 'second-reader-refused', /could not be reached/],
  ];
  test.each(cases)('%s', async (_name, answer, reason, message) => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', answer);
    const res = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(424);
    expect(res.body.error.reason).toBe(reason);
    expect(res.body.error.message).toMatch(message);
    // The page's form: the row comes back with the message, or a plain post goes back to the grid that shows it.
    const fragment = await api(app).post(`/segments/${doc.segments[1].id}/second-reader`).set('X-Calque-Fragment', 'row').type('form').send({}).expect(200);
    expect(fragment.text).toContain('second-reader-failed');
    expect(fragment.text).toMatch(message);
    const plain = await api(app).post(`/segments/${doc.segments[1].id}/second-reader`).type('form').send({}).expect(303);
    const page = await api(app).get(plain.headers.location.split('#')[0]).expect(200);
    expect(page.text).toMatch(message);
  });

  test('a refused connection', async () => {
    const { app } = testApp(env(await closedPortUrl()));
    const doc = await importDoc(app);
    const res = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(424);
    expect(res.body.error).toMatchObject({ reason: 'second-reader-refused' });
    expect(res.body.error.message).toContain('could not be reached');
  });

  test('a server without JSON-schema support (400) is asked again without it', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', [{ status: 400, body: '{"error":"response_format not supported"}' }, { errors: [CALQUE] }]);
    const res = await api(app).post(`/api/segments/${doc.segments[1].id}/second-reader`).expect(200);
    expect(res.body.errors).toBe(1);
    expect(llm.requests.map((r) => r.response_format === undefined)).toEqual([false, true]);
  });
});

describe('a document job', () => {
  test('reads every segment in the background, with progress, and retries a failure with back-off', async () => {
    const { app, services } = testApp(env(llm.url));
    const doc = await importDoc(app);
    llm.on('mutual cooperation', [{ status: 500 }, { status: 429, retryAfter: '0' }, { errors: [CALQUE] }]);
    const started = await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(202);
    expect(started.body).toMatchObject({ state: 'running', total: 2 });
    await api(app).get(`/documents/${doc.id}`).expect(200);
    const job = await waitForJob(app, started.body.id);
    expect(job).toMatchObject({ state: 'done', position: 2, total: 2, failed: 0, errorsFound: 1 });
    expect(llm.requests).toHaveLength(4);
    const state = (await api(app).get(`/api/documents/${doc.id}/second-reader`).expect(200)).body;
    expect(state).toMatchObject({ enabled: true, optedOut: false, model: 'test-model', job: { id: job.id, state: 'done' } });
    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('2 of 2 segments read');
    await services.secondReader.idle();
  });

  test('a filter narrows the job', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    const started = await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({ filter: { q: 'universities' } }).expect(202);
    expect(started.body.total).toBe(1);
    await waitForJob(app, started.body.id);
    expect(llm.requests).toHaveLength(1);
  });

  test('can be cancelled and resumed where it stopped', async () => {
    const { app, services } = testApp(env(llm.url, { CALQUE_LLM_CONCURRENCY: '1', CALQUE_LLM_ATTEMPTS: '1' }));
    const doc = await importDoc(app);
    llm.on('new platform', { hang: true });
    const started = await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(202);
    await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(409);
    const cancelled = await api(app).post(`/api/second-reader/jobs/${started.body.id}/cancel`).expect(200);
    expect(cancelled.body.state).toBe('cancelled');
    await services.secondReader.idle();
    expect((await api(app).get(`/api/second-reader/jobs/${started.body.id}`)).body).toMatchObject({ state: 'cancelled', position: 0 });
    llm.on('new platform', { errors: [] });
    await api(app).post(`/api/second-reader/jobs/${started.body.id}/resume`).expect(202);
    const job = await waitForJob(app, started.body.id);
    expect(job).toMatchObject({ state: 'done', position: 2, failed: 0 });
  });

  test('stops when the endpoint cannot be reached, and a job running at a restart can be resumed', async () => {
    const { app, services } = testApp(env(await closedPortUrl(), { CALQUE_LLM_ATTEMPTS: '2' }));
    const doc = await importDoc(app, Array.from({ length: 12 }, (_, i) => `Paragraph number ${i + 1} is about the weather.`).join('\n\n'), undefined);
    const started = await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(202);
    const job = await waitForJob(app, started.body.id);
    expect(job.state).toBe('failed');
    expect(job.lastError).toMatch(/could not be reached/);
    expect(job.position).toBeLessThan(job.total);

    services.secondReader.jobs.setState(job.id, 'running');
    const restarted = new SecondReader(services.store, services.review, services.config.llm);
    expect(restarted.job(job.id).state).toBe('interrupted');
    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('Resume');
  });

  test('stops when the endpoint refuses every request (a wrong key), instead of sending them all', async () => {
    const { app } = testApp(env(llm.url, { CALQUE_LLM_API_KEY: 'wrong' }));
    llm.on('weather', { status: 401 });
    const doc = await importDoc(app, Array.from({ length: 12 }, (_, i) => `Paragraph number ${i + 1} is about the weather.`).join('\n\n'), undefined);
    const started = await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(202);
    const job = await waitForJob(app, started.body.id);
    expect(job.state).toBe('failed');
    expect(job.lastError).toMatch(/refused the request \(HTTP 401\)/);
    expect(llm.requests.length).toBeLessThanOrEqual(4);
    expect(llm.requests.every((r) => r.response_format !== undefined)).toBe(true);
    expect(llm.requests.length).toBeGreaterThan(0);
  });

  test('the page forms work without JavaScript', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    const res = await api(app).post(`/documents/${doc.id}/second-reader/jobs`).type('form').send({ scope: 'all' }).expect(303);
    expect(res.headers.location).toBe(`/documents/${doc.id}#second-reader`);
    const job = (await api(app).get(`/api/documents/${doc.id}/second-reader`)).body.job;
    await waitForJob(app, job.id);
    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('Read every segment');
    expect(page.text).toContain('2 of 2 segments read');
  });
});

describe('roles', () => {
  test('an editor may ask about a segment; starting a job or opting out needs a reviewer', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    const editor = as(app, 'eddie', 'editor');
    const page = await editor.get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('Ask the second reader');
    expect(page.text).not.toContain('Read every segment');
    expect(page.text).not.toContain('Keep this document away');
    await editor.post(`/api/segments/${doc.segments[0].id}/second-reader`).expect(200);
    await editor.post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(403);
    await editor.put(`/api/documents/${doc.id}/second-reader`).send({ optOut: true }).expect(403);
    await as(app, 'rita', 'reviewer').put(`/api/documents/${doc.id}/second-reader`).send({ optOut: 'yes' }).expect(400);
  });
});

describe('a document can opt out', () => {
  test('nothing of it is sent, by a segment or a job, until it opts in again', async () => {
    const { app } = testApp(env(llm.url));
    const doc = await importDoc(app);
    await api(app).put(`/api/documents/${doc.id}/second-reader`).send({ optOut: true }).expect(200);
    const res = await api(app).post(`/api/segments/${doc.segments[0].id}/second-reader`).expect(409);
    expect(res.body.error.reason).toBe('second-reader-opted-out');
    await api(app).post(`/api/documents/${doc.id}/second-reader/jobs`).send({}).expect(409);
    const page = await api(app).get(`/documents/${doc.id}`).expect(200);
    expect(page.text).toContain('kept away from the second reader');
    expect(page.text).not.toContain('Ask the second reader');
    expect(llm.requests).toHaveLength(0);
    await api(app).post(`/documents/${doc.id}/second-reader/opt-out`).type('form').send({ optOut: '0' }).expect(303);
    await api(app).post(`/api/segments/${doc.segments[0].id}/second-reader`).expect(200);
    expect(llm.requests).toHaveLength(1);
  });
});
