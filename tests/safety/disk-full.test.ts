import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { api, testApp, MT, SOURCE } from '../helpers/app';
import { call, startServer, tempDir } from '../helpers/server-process';

/** Mounts a small RAM disk on `dir` (root only, where mounting is allowed); false when it cannot. */
function mountSmallDisk(dir: string, megabytes: number): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const probe = tempDir('mount-probe');
const canMount = mountSmallDisk(probe, 1);
if (canMount) execFileSync('umount', [probe]);
fs.rmSync(probe, { recursive: true, force: true });

/** A document big enough to need new database pages. */
const bigDocument = (title: string, copies = 150) => ({ title, sourceLang: 'zh', targetLang: 'en', sourceText: Array(copies).fill(SOURCE).join('\n\n'), mtText: Array(copies).fill(MT).join('\n\n') });

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

  test('confirms that share a commit on a full disk each answer 507, none is half saved, and confirming works again once there is space', async () => {
    const { app, db, services } = testApp();
    const doc = await api(app).post('/api/documents').send(bigDocument('Confirms', 6)).expect(201);
    const segments = (await api(app).get(`/api/documents/${doc.body.id}/segments`).expect(200)).body as Array<{ id: number; text: string }>;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    // Long texts, so that each confirm needs new pages.
    const edit = (i: number) => `Edited text number ${i}. ${'The teams cooperated on the platform. '.repeat(120)}`;
    const confirms = segments.slice(0, 5).map((s, i) => api(app).post(`/api/segments/${s.id}/confirm`).send({ text: edit(i), baseVersion: 1, confirm: true }));
    const answers = await Promise.all(confirms);
    expect(answers.map((r) => [r.status, r.body.error?.reason])).toEqual(Array(5).fill([507, 'disk-full']));
    const stored = segments.slice(0, 5).map((s) => services.store.segments.get(s.id)!);
    expect(stored.map((s) => [s.version, s.text])).toEqual(segments.slice(0, 5).map((s) => [1, s.text]));
    expect(services.store.proposals.forSegment(segments[0].id)).toEqual([]);

    db.pragma(`max_page_count = ${pages * 100}`);
    const again = await api(app).post(`/api/segments/${segments[0].id}/confirm`).send({ text: edit(0), baseVersion: 1, confirm: true }).expect(200);
    expect(again.body.segment).toMatchObject({ version: 2, status: 'reviewed' });
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

  // A real full disk, where the machine allows a RAM disk to be mounted (root on Linux); skipped elsewhere.
  (canMount ? test : test.skip)('on a real disk that fills up, the server answers 507, keeps every acknowledged write and heals once space is freed', async () => {
    const disk = tempDir('small-disk');
    expect(mountSmallDisk(disk, 8)).toBe(true);
    const dbFile = path.join(disk, 'calque.db');
    const filler = path.join(disk, 'filler');
    const server = await startServer(dbFile);
    const saved: string[] = [];
    const post = async (title: string) => {
      const res = await call(server.url, 'POST', '/api/documents', bigDocument(title, 40));
      if (res.status === 201) saved.push(title);
      return res;
    };
    try {
      expect((await post('before')).status).toBe(201);
      const fd = fs.openSync(filler, 'w');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024));
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        fs.closeSync(fd);
      }
      const during = [];
      for (let i = 0; i < 6; i++) during.push(await post(`during ${i}`));
      expect(during.map((r) => r.status).every((s) => s === 201 || s === 507)).toBe(true);
      const full = during.find((r) => r.status === 507)!;
      expect(full.body.error).toMatchObject({ reason: 'disk-full', message: expect.stringContaining('disk is full') });
      expect((await call(server.url, 'GET', '/api/documents')).status).toBe(200);

      fs.rmSync(filler);
      for (let i = 0; i < 3; i++) expect((await post(`after ${i}`)).status).toBe(201);
      const titles = ((await call(server.url, 'GET', '/api/documents')).body as Array<{ title: string }>).map((d) => d.title);
      expect(titles).toEqual(expect.arrayContaining(saved));
      // The checkpoints of the WAL resume too, rather than giving up on the first failure.
      expect(server.output()).not.toContain('the worker failed');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      const db = new Database(dbFile, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
        execFileSync('umount', [disk]);
        fs.rmSync(disk, { recursive: true, force: true });
      }
    }
  }, 60_000);
});
