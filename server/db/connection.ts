import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from './migrate';
import { DatabaseFileError, describeDatabaseProblem } from './database-errors';

export type Db = Database.Database;

/**
 * Opens (creating if needed) a Calque database, sets the pragmas we rely on, migrates it and checks
 * that it can be written. Any problem is a DatabaseFileError naming the file.
 */
export function openDatabase(file: string): Db {
  let db: Db | undefined;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // WAL + NORMAL is durable against process crashes (the case we test); only an OS crash or
    // power loss can lose the last transactions.
    db.pragma('synchronous = NORMAL');
    // A group commit runs each write in a savepoint, and SQLite keeps the pages a savepoint may
    // have to restore in a sub-journal that spills to a temporary file past 64 KiB: fifty confirms
    // in one transaction wrote megabytes there (sampled in one process, 15% of their write path).
    db.pragma('temp_store = MEMORY');
    migrate(db);
    assertWritable(db);
    return db;
  } catch (err) {
    db?.close();
    throw new DatabaseFileError(`${file}: ${describeDatabaseProblem(file, err)}`);
  }
}

/**
 * SQLite opens a file it may not write read-only without a word, and every write would then fail.
 * A write rolled back at once finds out without changing anything.
 */
export function assertWritable(db: Db): void {
  const version = schemaVersion(db);
  db.exec('BEGIN');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    db.exec('ROLLBACK');
  }
}
