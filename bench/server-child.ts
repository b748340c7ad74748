/**
 * A server for the HTTP benchmarks, started by bench/run.ts as a child process. It listens on
 * 127.0.0.1 only, on a free port it reports to the parent over IPC, and answers "mem" messages
 * with its memory figures (so the parent can watch RSS during a request) and "cpu" messages with
 * the CPU time it has used (so the parent can tell what a request costs the server).
 *
 *   node dist/bench/server-child.js app       the real app (createApp) on CALQUE_DB
 *   node dist/bench/server-child.js baseline  bare routes over the same database file
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp, useViews } from '../server/app';
import { listen } from '../server/http-server';
import { BENCH_TOKEN } from './token';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/connection';
import { Store } from '../server/db/store';
import { segmentView } from '../server/views/segment-view';
import type { SegmentRow } from '../server/db/segments';

function baselineApp(dbFile: string, documentId: number, pageSize: number): express.Express {
  const db = openDatabase(dbFile);
  const store = new Store(db);
  const app = express();
  useViews(app);

  // The rows of the document, read once at start: the page baseline never touches the database.
  const doc = store.documents.summary(documentId)!;
  const rows: SegmentRow[] = [...store.segments.iterate(documentId)];
  const findings = store.findings.forSegments(rows.map((r) => r.id));
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  app.get('/rows', (req, res) => {
    const page = Math.min(Math.max(Number(req.query.page) || 1, 1), pages);
    const slice = rows.slice((page - 1) * pageSize, page * pageSize);
    res.render('document', {
      title: doc.title,
      doc,
      rows: slice.map((s) => segmentView(doc, s, { findings: findings.get(s.id) ?? [], proposals: [], dismissals: [], comments: [], disabledRules: new Set(), showDismissed: false })),
      pagination: pages > 1 ? { page, pages, prev: page > 1 ? page - 1 : null, next: page < pages ? page + 1 : null } : null,
      author: null,
    });
  });

  app.get('/bare/ping', (_req, res) => {
    res.json({ ok: true });
  });

  // One prepared UPDATE per request, in WAL mode.
  const update = db.prepare('UPDATE segments SET text = ?, version = version + 1 WHERE id = ?');
  app.post('/bare/segments/:id', express.json(), (req, res) => {
    const changes = update.run(String(req.body?.text ?? ''), Number(req.params.id)).changes;
    res.json({ changes });
  });

  // A bare SELECT of the same rows, written to the response with back-pressure.
  const select = db.prepare('SELECT text FROM segments WHERE document_id = ? ORDER BY idx');
  app.get('/bare/export', (_req, res) => {
    res.type('text/plain; charset=utf-8');
    const it = select.iterate(documentId) as IterableIterator<{ text: string }>;
    const pump = () => {
      for (;;) {
        const next = it.next();
        if (next.done) return void res.end();
        if (!res.write(next.value.text + '\n')) return void res.once('drain', pump);
      }
    };
    res.on('close', () => it.return?.());
    pump();
  });
  return app;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  const config = loadConfig();
  let app;
  if (mode === 'baseline') {
    app = baselineApp(config.dbFile, Number(process.env.BENCH_DOCUMENT_ID ?? 1), config.pageSize);
  } else {
    const real = createApp({ config });
    real.locals.services.flagger.prepare(); // as server/main.ts does at start
    await real.locals.services.accounts.ensureAdmin({ CALQUE_ADMIN_PASSWORD: 'bench-password', CALQUE_ADMIN_TOKEN: BENCH_TOKEN });
    app = real;
  }
  // The app is served as server/main.ts serves it; the baseline stays a plain Express app.
  const started = () => process.send?.({ port: (server.address() as AddressInfo).port });
  const server = mode === 'baseline' && !process.env.BENCH_BASELINE_SERVER ? app.listen(0, '127.0.0.1', started) : listen(app as express.Express, 0, '127.0.0.1', started);
  process.on('message', (msg: unknown) => {
    if (msg === 'mem') process.send?.({ rss: process.memoryUsage().rss, maxRss: process.resourceUsage().maxRSS * 1024 });
    if (msg === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMs: (user + system) / 1000 });
    }
    if (msg === 'stop') server.close(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
}

void main();
