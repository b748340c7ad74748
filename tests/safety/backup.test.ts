import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connection';
import { FIXTURES } from '../helpers/app';
import { call, cliCommand, tempDir, provisionAdmin } from '../helpers/server-process';

jest.setTimeout(40_000);

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cliCommand(), ...args], { env: { ...process.env, ...env }, cwd: path.join(__dirname, '..', '..') }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('calque backup FILE copies a consistent database while edits are being written', async () => {
  const dir = tempDir('backup');
  const dbFile = path.join(dir, 'calque.db');
  const backupFile = path.join(dir, 'backup.db');
  const db = openDatabase(dbFile);
  const app = createApp({ config: { ...loadConfig({}), dbFile, rulesDir: path.join(FIXTURES, 'rules'), lexiconDir: '' }, db });
  await provisionAdmin(app);
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let writing = true;
  let written = 0;
  try {
    const mtText = Array.from({ length: 200 }, (_, i) => `Sentence ${i + 1} carried out mutual cooperation.`).join('\n\n');
    const doc = await call(url, 'POST', '/api/documents', { title: 'Backed up', sourceLang: 'zh', targetLang: 'en', mtText });
    const segments = (await call(url, 'GET', `/api/documents/${doc.body.id}/segments`)).body as Array<{ id: number }>;
    // Four writers: proposals and comments, until the backup is done.
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let k = 0; writing; k++) {
        const segment = segments[(k * 4 + w) % segments.length];
        const res = k % 2
          ? await call(url, 'POST', `/api/segments/${segment.id}/comments`, { body: `Comment ${k} from writer ${w}.` })
          : await call(url, 'POST', `/api/segments/${segment.id}/proposals`, { text: `Writer ${w}, edit ${k}.`, baseVersion: 1 });
        expect(res.status).toBe(201);
        written++;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const writtenBefore = written;
    const result = await runCli(['backup', backupFile], { CALQUE_DB: dbFile });
    const writtenDuring = written - writtenBefore;
    writing = false;
    await Promise.all(writers);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Backed up .* to .*backup\.db/);
    expect(writtenDuring).toBeGreaterThan(0);
    const copy = new Database(backupFile, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count('segments')).toBe(200);
      // A snapshot: everything written before the backup started, and no more than was written in all.
      const copied = count('proposals') + count('comments');
      expect(copied).toBeGreaterThanOrEqual(writtenBefore);
      expect(copied).toBeLessThanOrEqual(written);
      expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      copy.close();
    }
  } finally {
    writing = false;
    await new Promise((resolve) => server.close(resolve));
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('calque backup refuses to overwrite the database itself and needs a FILE', async () => {
  const dir = tempDir('backup-usage');
  const dbFile = path.join(dir, 'calque.db');
  openDatabase(dbFile).close();
  try {
    expect(await runCli(['backup', dbFile], { CALQUE_DB: dbFile })).toMatchObject({ code: 2, stderr: expect.stringContaining('must not be the database itself') });
    expect(await runCli(['backup'], { CALQUE_DB: dbFile })).toMatchObject({ code: 2, stderr: expect.stringContaining('backup needs a FILE') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
