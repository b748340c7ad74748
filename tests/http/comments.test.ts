import { testApp, api, as, tokenFor, SOURCE, MT } from '../helpers/app';
import { mentionsIn } from '../../server/comments/service';

async function setup() {
  const { app } = testApp();
  const doc = (await api(app).post('/api/documents').send({ title: 'Platform news', sourceLang: 'zh', targetLang: 'en', sourceText: SOURCE, mtText: MT }).expect(201)).body;
  const segments = (await api(app).get(`/api/documents/${doc.id}/segments`)).body as Array<{ id: number }>;
  return { app, doc, segments };
}

describe('comment threads', () => {
  test('a comment carries an issue type and mentions existing users; they find it in their mentions', async () => {
    const { app, segments } = await setup();
    tokenFor(app, 'rita', 'reviewer');
    const comment = (await api(app).post(`/api/segments/${segments[0].id}/comments`).send({ body: '@rita is "land" right? cc @nobody.', issueType: 'terminology' }).expect(201)).body;
    expect(comment).toMatchObject({ issueType: 'terminology', mentions: ['rita'], resolvedAt: null, author: 'ada' });
    const mine = (await as(app, 'rita', 'reviewer').get('/api/me/mentions').expect(200)).body;
    expect(mine.map((c: { id: number }) => c.id)).toEqual([comment.id]);
    expect((await api(app).post(`/api/segments/${segments[0].id}/comments`).send({ body: 'x', issueType: 'gossip' }).expect(400)).body.error.reason).toBe('invalid-field');
    expect((await api(app).get(`/api/segments/${segments[0].id}/comments`)).body).toHaveLength(1);
  });

  test('a thread is resolved and reopened, each logged with the segment number on the activity page', async () => {
    const { app, doc, segments } = await setup();
    const thread = (await api(app).post(`/api/segments/${segments[1].id}/comments`).send({ body: 'Check the number.' }).expect(201)).body;
    const reply = (await api(app).post(`/api/segments/${segments[1].id}/comments`).send({ body: 'Done.', parentId: thread.id }).expect(201)).body;
    const editor = as(app, 'eddie', 'editor');
    expect((await editor.post(`/api/comments/${thread.id}/resolve`).expect(200)).body).toMatchObject({ resolvedBy: 'eddie' });
    expect((await editor.post(`/api/comments/${thread.id}/resolve`).expect(409)).body.error.reason).toBe('already-resolved');
    expect((await editor.post(`/api/comments/${reply.id}/resolve`).expect(400)).body.error.reason).toBe('reply-not-thread');
    expect((await editor.post(`/api/comments/${thread.id}/reopen`).expect(200)).body).toMatchObject({ resolvedBy: null, resolvedAt: null });
    const page = (await api(app).get(`/documents/${doc.id}/activity`).expect(200)).text;
    expect(page).toMatch(/<strong>eddie<\/strong> · segment 2 · resolved a comment/);
    expect(page).toMatch(/<strong>eddie<\/strong> · segment 2 · reopened a comment/);
    expect(page).toMatch(/<strong>ada<\/strong> · segment 2 · commented/);
  });

  test('mentions are names after @, not e-mail addresses', () => {
    expect(mentionsIn('@ada and @li.wei. mail ada@example.com')).toEqual(['ada', 'li.wei']);
  });
});

describe('comment threads in the grid', () => {
  test('the row shows the issue type, and Resolve and Reopen work as plain forms', async () => {
    const { app, doc, segments } = await setup();
    await api(app).post(`/segments/${segments[0].id}/comments`).type('form').send({ body: 'Is this the right term?', issueType: 'terminology' }).expect(303);
    let page = (await api(app).get(`/documents/${doc.id}`).expect(200)).text;
    expect(page).toContain('<span class="issue-type">terminology</span>');
    const id = /action="\/comments\/(\d+)\/resolve"/.exec(page)![1];
    expect((await api(app).post(`/comments/${id}/resolve`).type('form').send({}).expect(303)).headers.location).toBe(`/documents/${doc.id}#seg-${segments[0].id}`);
    page = (await api(app).get(`/documents/${doc.id}`).expect(200)).text;
    expect(page).toContain('resolved by ada');
    expect(page).toContain(`action="/comments/${id}/reopen"`);
  });
});
