import type { Db } from './connection';
import { assertWritable } from './connection';
import { describeDatabaseProblem, isDiskFull } from './database-errors';
import { schemaVersion } from './migrate';
import { migrations } from './migrations';

export type Readiness =
  | { ready: true; schemaVersion: number }
  | { ready: false; reason: string; message: string };

/** Whether the server can do its work: the database is open, at the schema this code expects, and writable. */
export function readiness(db: Db): Readiness {
  if (!db.open) return { ready: false, reason: 'database-closed', message: 'The database is closed (the server is stopping).' };
  try {
    const version = schemaVersion(db);
    if (version !== migrations.length) {
      return { ready: false, reason: 'migrations-pending', message: `The database is at schema version ${version}; this Calque needs version ${migrations.length}. Restart the server to migrate it.` };
    }
    assertWritable(db);
    return { ready: true, schemaVersion: version };
  } catch (err) {
    const code = String((err as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_READONLY')) return { ready: false, reason: 'database-read-only', message: 'The database cannot be written (read-only file or directory).' };
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return { ready: false, reason: 'busy', message: 'The database is locked by another writer.' };
    if (isDiskFull(err)) return { ready: false, reason: 'disk-full', message: 'The disk of the database is full.' };
    return { ready: false, reason: 'database-unavailable', message: `The database ${describeDatabaseProblem(db.name, err)}.` };
  }
}
