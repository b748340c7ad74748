import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { call, startServer, tempDir, TEST_ADMIN_TOKEN } from '../helpers/server-process';

jest.setTimeout(40_000);

test('SIGTERM lets an in-flight request finish, refuses new ones, closes the database and exits 0', async () => {
  const dir = tempDir('sigterm');
  const dbFile = path.join(dir, 'calque.db');
  const server = await startServer(dbFile);
  try {
    // A request whose body is still arriving when the signal comes: half now, half after SIGTERM.
    const body = Buffer.from(JSON.stringify({ title: 'In flight', sourceLang: 'zh', targetLang: 'en', mtText: 'Sent before the signal. Finished after it.' }));
    const half = Math.floor(body.length / 2);
    let status = 0;
    let text = '';
    const finished = new Promise<void>((resolve, reject) => {
      const req = http.request(`${server.url}/api/documents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(body.length), authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      }, (res) => {
        status = res.statusCode!;
        res.on('data', (c) => (text += c));
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.write(body.subarray(0, half));
      setTimeout(async () => {
        server.child.kill('SIGTERM');
        while (!server.output().includes('SIGTERM')) await new Promise((r) => setTimeout(r, 20));
        // The server has stopped listening: a new connection is refused...
        await expect(call(server.url, 'GET', '/api/documents')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
        // ...but the request already under way completes.
        req.end(body.subarray(half));
      }, 300);
    });
    await finished;
    expect(status).toBe(201);
    const id = JSON.parse(text).id as number;
    expect(await server.exited).toBe(0);

    // Closed cleanly: the last connection checkpointed the WAL and removed it.
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(false);
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT title FROM documents WHERE id = ?').get(id)).toEqual({ title: 'In flight' });
    } finally {
      db.close();
    }
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
