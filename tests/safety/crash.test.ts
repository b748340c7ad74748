import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { call, startServer, tempDir, type ServerProcess } from '../helpers/server-process';

/**
 * kill -9 in the middle of a stream of edits, restart, and check that every edit the server
 * acknowledged (2xx) is in the database and the database is intact. 3 rounds in the suite;
 * `npm run test:crash` runs CALQUE_CRASH_ROUNDS (default 20) against the build.
 */
const ROUNDS = Number(process.env.CALQUE_CRASH_ROUNDS || 3);
const CLIENTS = 8;
const SEGMENTS = 160;

jest.setTimeout(30_000 + ROUNDS * 15_000);

interface Acked {
  proposals: Map<number, string>;
  accepts: Set<number>;
}

test(`every acknowledged edit survives ${ROUNDS} kill -9s in the middle of concurrent writes`, async () => {
  const dir = tempDir('crash');
  const dbFile = path.join(dir, 'calque.db');
  let server: ServerProcess = await startServer(dbFile);
  const acked: Acked = { proposals: new Map(), accepts: new Set() };
  const figures: string[] = [];
  try {
    const mtText = Array.from({ length: SEGMENTS }, (_, i) => `Sentence ${i + 1} carried out mutual cooperation.`).join('\n\n');
    const doc = await call(server.url, 'POST', '/api/documents', { title: 'Crash', sourceLang: 'zh', targetLang: 'en', mtText });
    expect(doc.status).toBe(201);

    for (let round = 1; round <= ROUNDS; round++) {
      const { url } = server;
      const segments = ((await call(url, 'GET', `/api/documents/${doc.body.id}/segments`)).body as Array<{ id: number; version: number }>)
        .map(({ id, version }) => ({ id, version }));
      expect(segments).toHaveLength(SEGMENTS);
      let killed = false;
      const unexpected: string[] = [];
      const before = { proposals: acked.proposals.size, accepts: acked.accepts.size };

      const client = async (c: number) => {
        const mine = segments.filter((_, i) => i % CLIENTS === c);
        for (let k = 0; !killed; k++) {
          const segment = mine[k % mine.length];
          const text = `Round ${round}, client ${c}, edit ${k}: the teams cooperated.`;
          try {
            // Every third write is the one-command confirm, whose commit is shared with the confirms sent with it.
            if (k % 3 === 2) {
              const r = await call(url, 'POST', `/api/segments/${segment.id}/confirm`, { text, baseVersion: segment.version, confirm: true });
              if (r.status === 200) {
                acked.proposals.set(r.body.proposal.id, text);
                acked.accepts.add(r.body.proposal.id);
                segment.version = r.body.segment.version;
              } else if (r.status === 409) segment.version = r.body.error.details.current.version;
              else unexpected.push(`confirm: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
              continue;
            }
            const p = await call(url, 'POST', `/api/segments/${segment.id}/proposals`, { text, baseVersion: segment.version, author: `client-${c}` });
            if (p.status === 409) {
              segment.version = p.body.error.details.current.version;
              continue;
            }
            if (p.status !== 201) {
              unexpected.push(`propose: ${p.status} ${JSON.stringify(p.body).slice(0, 200)}`);
              continue;
            }
            acked.proposals.set(p.body.id, text);
            // Accept every other proposal, so every kind of write is in flight when the kill comes.
            if (k % 2 === 1) continue;
            const a = await call(url, 'POST', `/api/proposals/${p.body.id}/accept`);
            if (a.status === 200) {
              acked.accepts.add(p.body.id);
              segment.version = a.body.segment.version;
            } else if (a.status === 409) segment.version = a.body.error.details.current.version;
            else unexpected.push(`accept: ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
          } catch (err) {
            if (!killed) throw err;
          }
        }
      };

      const clients = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      await new Promise((resolve) => setTimeout(resolve, 2500 + Math.random() * 1500));
      killed = true;
      server.child.kill('SIGKILL');
      await clients;
      expect(await server.exited).toBe('SIGKILL');
      expect(unexpected).toEqual([]);
      const walBytes = fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0;

      // Restart: the server recovers the WAL; then check the file and every acknowledged edit.
      server = await startServer(dbFile);
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const rows = new Map((db.prepare('SELECT id, text, state FROM proposals').all() as Array<{ id: number; text: string; state: string }>).map((r) => [r.id, r]));
        const missing = [...acked.proposals].filter(([id, text]) => rows.get(id)?.text !== text);
        const notAccepted = [...acked.accepts].filter((id) => rows.get(id)?.state !== 'accepted');
        expect(missing).toEqual([]);
        expect(notAccepted).toEqual([]);
        const loggedAccepts = db.prepare("SELECT count(*) AS n FROM events WHERE action = 'proposal.accepted'").get() as { n: number };
        expect(loggedAccepts.n).toBeGreaterThanOrEqual(acked.accepts.size);
        figures.push(`round ${round}: ${acked.proposals.size - before.proposals} proposals + ${acked.accepts.size - before.accepts} accepts acknowledged, `
          + `WAL ${walBytes} bytes at the kill; found all ${acked.proposals.size} + ${acked.accepts.size} so far (stored: ${rows.size} proposals)`);
      } finally {
        db.close();
      }
      // The restarted server serves the acknowledged texts too.
      const served = (await call(server.url, 'GET', `/api/documents/${doc.body.id}/segments`)).body as Array<{ proposals: Array<{ id: number; state: string }> }>;
      const servedAccepted = new Set(served.flatMap((s) => s.proposals.filter((p) => p.state === 'accepted').map((p) => p.id)));
      expect([...acked.accepts].filter((id) => !servedAccepted.has(id))).toEqual([]);
    }
    expect(acked.proposals.size + acked.accepts.size).toBeGreaterThan(ROUNDS * 300);
    console.log(`crash test (${ROUNDS} kill -9s):\n  ${figures.join('\n  ')}`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
