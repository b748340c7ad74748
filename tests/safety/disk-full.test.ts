import { api, testApp, MT, SOURCE } from '../helpers/app';

/** A document big enough to need new database pages. */
const bigDocument = (title: string) => ({ title, sourceLang: 'zh', targetLang: 'en', sourceText: Array(150).fill(SOURCE).join('\n\n'), mtText: Array(150).fill(MT).join('\n\n') });

describe('a full disk', () => {
  test('a write that finds the disk full answers 507 disk-full, stores nothing, and works again once there is space', async () => {
    const { app, db, services } = testApp();
    const first = await api(app).post('/api/documents').send(bigDocument('Before')).expect(201);
    // SQLite's own ceiling on the file size stands in for the disk: it fails writes with SQLITE_FULL.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    const full = await api(app).post('/api/documents').send(bigDocument('During')).expect(507);
    expect(full.body.error).toMatchObject({ reason: 'disk-full', requestId: full.headers['x-request-id'] });
    expect(full.body.error.message).toMatch(/disk is full.*nothing was saved/);
    expect(full.body.error.message).not.toMatch(/SQLITE|database or disk/);
    expect(services.store.documents.list().map((d) => d.title)).toEqual(['Before']);
    // Reading still works while the disk is full.
    await api(app).get(`/api/documents/${first.body.id}`).expect(200);

    db.pragma(`max_page_count = ${pages * 100}`);
    await api(app).post('/api/documents').send(bigDocument('After')).expect(201);
    expect(services.store.documents.list().map((d) => d.title).sort()).toEqual(['After', 'Before']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  test('the browser gets a readable page saying the disk is full', async () => {
    const { app, db } = testApp();
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const page = await api(app).post('/documents').type('form').send({ ...bigDocument('During') }).expect(507);
    expect(page.text).toContain('disk is full');
  });

  test('a database that turns read-only while the server runs answers 503 database-read-only, not 500', async () => {
    const { app, db, services } = testApp();
    const admin = api(app);
    db.pragma('query_only = ON');
    const res = await admin.post('/api/documents').send(bigDocument('During')).expect(503);
    expect(res.body.error.reason).toBe('database-read-only');
    expect(res.body.error.message).toContain('nothing was saved');
    db.pragma('query_only = OFF');
    await api(app).post('/api/documents').send(bigDocument('After')).expect(201);
    expect(services.store.documents.list()).toHaveLength(1);
  });
});
