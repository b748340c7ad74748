import type Database from 'better-sqlite3';
import type { Db } from './connection';

const statements = new WeakMap<Db, Database.Statement>();

/** The current number (1-based position) of each segment id given that still exists. */
export function segmentNumbers(db: Db, ids: Iterable<number>): Map<number, number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  let stmt = statements.get(db);
  if (!stmt) statements.set(db, (stmt = db.prepare('SELECT id, idx FROM segments WHERE id IN (SELECT value FROM json_each(?))')));
  return new Map((stmt.all(JSON.stringify(unique)) as Array<{ id: number; idx: number }>).map((r) => [r.id, r.idx + 1]));
}
