import type { Db } from './connection';

type Key = { id: number; index: number; key: string };

/** Segments of a document with the same source, or the same MT. */
export class RepetitionRepo {
  private readonly sourcesStmt;
  private readonly mtsStmt;

  constructor(db: Db) {
    this.sourcesStmt = db.prepare('SELECT id, idx AS "index", source AS key FROM segments WHERE document_id = ? AND idx >= ? ORDER BY idx LIMIT ?');
    this.mtsStmt = db.prepare('SELECT id, idx AS "index", mt AS key FROM segments WHERE document_id = ? AND idx >= ? ORDER BY idx LIMIT ?');
  }

  /** Every segment's source (or MT): what repetitions are found by. Neither changes after import except by an alignment repair. */
  keys(documentId: number, bySource: boolean): Key[] {
    return this.keysFrom(documentId, bySource, 0, -1); // LIMIT -1: no limit
  }

  /** The same for at most `limit` segments from position `fromIndex` on, in order. */
  keysFrom(documentId: number, bySource: boolean, fromIndex: number, limit: number): Key[] {
    return (bySource ? this.sourcesStmt : this.mtsStmt).all(documentId, fromIndex, limit) as Key[];
  }
}
