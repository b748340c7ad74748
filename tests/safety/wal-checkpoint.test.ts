import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../server/db/connection';
import { WalCheckpointer } from '../../server/db/checkpointer';
import { tempDir } from '../helpers/server-process';

jest.setTimeout(20_000);

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 20))) {
    if (condition()) return true;
  }
  return condition();
}

/** About 2 MB in one transaction: far below the size at which the connection checkpoints by itself. */
function writeSome(db: ReturnType<typeof openDatabase>): void {
  db.exec('CREATE TABLE IF NOT EXISTS scratch (x TEXT)');
  const insert = db.prepare('INSERT INTO scratch VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`${i} ${'x'.repeat(1000)}`);
  })();
}

test('after a write, a worker copies the WAL into the database file; stopped, it leaves the WAL to the last connection', async () => {
  const dir = tempDir('checkpoint');
  const file = path.join(dir, 'calque.db');
  const db = openDatabase(file);
  try {
    const checkpointer = WalCheckpointer.start(db)!;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(1000);
    const size = fs.statSync(file).size;
    writeSome(db);
    expect(fs.statSync(file).size).toBe(size);
    checkpointer.written();
    expect(await waitFor(() => fs.statSync(file).size > size + 1_000_000, 5000)).toBe(true);

    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  } finally {
    if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the worker stops by itself once the connection is closed, and an in-memory database gets none', async () => {
  expect(WalCheckpointer.start(openDatabase(':memory:'))).toBeUndefined();
  const dir = tempDir('checkpoint-close');
  const file = path.join(dir, 'calque.db');
  const db = openDatabase(file);
  try {
    const size = fs.statSync(file).size;
    const checkpointer = WalCheckpointer.start(db)!;
    writeSome(db);
    checkpointer.written();
    // Once it has checkpointed, the worker has its connection open.
    expect(await waitFor(() => fs.statSync(file).size > size, 5000)).toBe(true);
    db.close();
    // The worker's connection was the last one open: closing it removes the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    expect(await waitFor(() => !fs.existsSync(`${file}-wal`), 5000)).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
