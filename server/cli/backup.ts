import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config';
import { AppError } from '../errors';
import { UsageError, type Parsed } from './args';

/**
 * Copies the database with SQLite's online backup while the server may be writing: the copy is
 * one consistent snapshot, written next to FILE, checked, then renamed into place.
 */
export async function backupCommand({ positional }: Parsed): Promise<void> {
  const target = positional[0];
  if (!target) throw new UsageError('backup needs a FILE');
  const { dbFile } = loadConfig();
  if (!fs.existsSync(dbFile)) throw new UsageError(`${dbFile}: no such database`);
  if (path.resolve(target) === path.resolve(dbFile)) throw new UsageError('the backup FILE must not be the database itself');
  const temp = `${target}.partial-${process.pid}`;
  let db: Database.Database | undefined;
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // All pages in one step: a reader in WAL mode sees one snapshot and never blocks the writers,
    // while small steps would restart every time the server commits.
    await db.backup(temp, { progress: () => 0x7fffffff });
    const copy = new Database(temp, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new AppError(500, 'backup-failed', `backup of ${dbFile} failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db?.close();
  }
  process.stdout.write(`Backed up ${dbFile} to ${target} (${fs.statSync(target).size.toLocaleString('en')} bytes).\n`);
}
