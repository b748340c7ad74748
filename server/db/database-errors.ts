import fs from 'node:fs';
import { MigrationError } from './migrate';

/** The database file cannot be used: the message names the file and the problem, in one line. */
export class DatabaseFileError extends Error {}

const code = (err: unknown): string => String((err as { code?: unknown })?.code ?? '');

/** SQLite (or the file system) ran out of space: the write was refused and nothing was stored. */
export const isDiskFull = (err: unknown): boolean => /^SQLITE_FULL/.test(code(err)) || code(err) === 'ENOSPC';

/** What is wrong with the database file, in words an operator can act on. */
export function describeDatabaseProblem(file: string, err: unknown): string {
  const c = code(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof MigrationError) return detail;
  if (isDirectory(file)) return 'is a directory, not a database file';
  if (c === 'SQLITE_NOTADB') return 'is not a Calque database (not an SQLite file, or encrypted)';
  if (c.startsWith('SQLITE_CORRUPT')) return `is damaged (${detail}); restore it from a backup`;
  if (c.startsWith('SQLITE_READONLY') || c === 'EROFS') return 'is read-only: Calque must be able to write to it and to its directory (for the -wal and -shm files)';
  if (c.startsWith('SQLITE_BUSY') || c.startsWith('SQLITE_LOCKED')) return 'is locked: another process held it for more than 5 seconds';
  if (isDiskFull(err)) return 'cannot be written: the disk is full';
  if (c === 'SQLITE_CANTOPEN' || c === 'EACCES' || c === 'EPERM' || c === 'ENOTDIR') return `cannot be opened (${detail}): check that its directory exists and that Calque may read and write both`;
  if (c.startsWith('SQLITE_IOERR')) return `could not be read or written (${detail})`;
  return `cannot be used (${detail})`;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** An error SQLite raised about the file itself (not about a statement we got wrong). */
export const isDatabaseFileProblem = (err: unknown): boolean =>
  /^SQLITE_(NOTADB|CORRUPT|READONLY|CANTOPEN|IOERR|FULL|PERM)/.test(code(err)) || code(err) === 'ENOSPC';
