import type { Db } from './connection';

const MAX_CACHED = 50_000;

/**
 * Ids of the interned strings of findings (table finding_texts), remembered per process so that
 * storing a finding costs no lookup. An id learnt inside a transaction is only trusted for good
 * once that transaction has committed: a rollback takes the row away again.
 */
export class FindingTexts {
  private readonly committed = new Map<string, number>();
  private readonly pending = new Map<string, number>();
  private readonly upsertStmt;
  private readonly getStmt;

  constructor(private readonly db: Db) {
    // DO UPDATE rather than DO NOTHING, so that RETURNING gives the id of an existing row too.
    this.upsertStmt = db.prepare('INSERT INTO finding_texts (text) VALUES (?) ON CONFLICT (text) DO UPDATE SET text = excluded.text RETURNING id').pluck();
    this.getStmt = db.prepare('SELECT id FROM finding_texts WHERE text = ?').pluck();
  }

  /** The id of a string, stored if new. */
  id(text: string): number {
    const known = this.committed.get(text) ?? this.pending.get(text);
    if (known !== undefined) return known;
    // A read first: most strings exist already (written by another process), and a read takes no write lock.
    const id = (this.getStmt.get(text) as number | undefined) ?? (this.upsertStmt.get(text) as number);
    (this.db.inTransaction ? this.pending : this.committed).set(text, id);
    return id;
  }

  /** The outermost transaction committed: what it learnt is safe to keep. */
  commit(): void {
    if (this.committed.size + this.pending.size > MAX_CACHED) this.committed.clear();
    for (const [text, id] of this.pending) this.committed.set(text, id);
    this.pending.clear();
  }

  /** A transaction (or a savepoint within one) rolled back: forget what it learnt. */
  rollback(): void {
    this.pending.clear();
  }
}
