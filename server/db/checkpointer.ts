import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection';

/**
 * The worker's code, plain JavaScript so that it runs the same from dist/, from the TypeScript
 * sources and under Jest. A PASSIVE checkpoint never waits for, nor blocks, the connections that
 * read and write.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (msg) => {
  if (msg === 'checkpoint') {
    try {
      checkpoint.get();
    } catch (err) {
      // A full disk passes: the next checkpoint, after the next write, tries again.
      if (!/^SQLITE_FULL/.test(String(err && err.code))) parentPort.postMessage({ error: String(err) });
    }
  } else if (msg === 'stop') {
    db.close();
    parentPort.close();
  }
});
`;

/** SQLite's default: the connection checkpoints by itself once the WAL holds this many pages. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/**
 * With the worker running, the connection still checkpoints at this size. A checkpoint that runs
 * while transactions commit cannot copy the last of them, and the WAL file only starts over once
 * everything in it is in the database; under a steady stream of writes it is this checkpoint that
 * lets it start over, and the worker has left it little to copy.
 */
const FALLBACK_AUTOCHECKPOINT_PAGES = 4000;

/**
 * Copies the WAL back into the database file from a worker thread, shortly after this process
 * writes. SQLite's automatic checkpoint runs inside the COMMIT that brings the WAL to 1,000 pages,
 * so inside some request, and blocks the event loop while it reads the WAL, writes the pages and
 * syncs both files: about 5 ms every forty-odd saves, which every request waiting behind it pays.
 */
export class WalCheckpointer {
  private scheduled = false;
  private stopped: Promise<void> | undefined;
  private readonly exited: Promise<void>;
  private readonly watch: NodeJS.Timeout;

  private constructor(
    private readonly db: Db,
    private readonly worker: Worker,
    private readonly delayMs: number,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    // The worker never keeps the process alive, and stops once the connection has been closed.
    worker.unref();
    this.watch = setInterval(() => {
      if (!db.open) void this.stop();
    }, 1000);
    this.watch.unref();
    const fail = (err: unknown) => {
      console.error('WAL checkpoints: the worker failed; the connection checkpoints by itself again.', err);
      void this.stop();
    };
    worker.on('error', fail);
    worker.on('message', (msg: { error?: string }) => {
      if (msg.error) fail(msg.error);
    });
    db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  }

  /** Starts a checkpointer for a file database's WAL; an in-memory database has none. */
  static start(db: Db, { delayMs = 50 } = {}): WalCheckpointer | undefined {
    if (db.memory || db.readonly) return undefined;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: path.resolve(db.name) },
    });
    return new WalCheckpointer(db, worker, delayMs);
  }

  /** Tells the checkpointer that the connection wrote: a checkpoint follows within `delayMs`. */
  written(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (!this.stopped) this.worker.postMessage('checkpoint');
    }, this.delayMs).unref();
  }

  /** Stops the worker and closes its connection (before the last connection closes, so that it removes the WAL). */
  stop(): Promise<void> {
    if (!this.stopped) {
      clearInterval(this.watch);
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      // Held until the worker has closed its connection, or the process could end before that.
      this.worker.ref();
      this.worker.postMessage('stop');
      this.stopped = this.exited;
    }
    return this.stopped;
  }
}
