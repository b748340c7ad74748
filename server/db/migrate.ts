import type Database from 'better-sqlite3';
import { migrations } from './migrations';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export class MigrationError extends Error {}

/**
 * Brings the schema to the latest version. Each migration runs in its own transaction together
 * with the bump of PRAGMA user_version, so a failed migration leaves the database as it was.
 */
export function migrate(db: Database.Database, list: Migration[] = migrations): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > list.length) {
    throw new MigrationError(
      `the database is at schema version ${current} but this Calque only knows ${list.length}: use a newer Calque`,
    );
  }
  for (const m of list.slice(current)) {
    // IMMEDIATE, and the version read again inside: two processes opening a new database at
    // once must not both run the same migration.
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
