import type { Db } from './connection';

/** Segments of a document with the same source, or the same MT. */
export class RepetitionRepo {
  private readonly sourcesStmt;
  private readonly mtsStmt;
  private readonly sourcesFromStmt;
  private readonly mtsFromStmt;

  constructor(db: Db) {
    this.sourcesStmt = db.prepare('SELECT id, source AS key FROM segments WHERE document_id = ? ORDER BY idx');
    this.mtsStmt = db.prepare('SELECT id, mt AS key FROM segments WHERE document_id = ? ORDER BY idx');
    this.sourcesFromStmt = db.prepare('SELECT id, idx AS "index", source AS key FROM segments WHERE document_id = ? AND idx >= ? ORDER BY idx LIMIT ?');
    this.mtsFromStmt = db.prepare('SELECT id, idx AS "index", mt AS key FROM segments WHERE document_id = ? AND idx >= ? ORDER BY idx LIMIT ?');
  }

  /** Every segment's source (or MT): what repetitions are found by. Neither changes after import except by an alignment repair. */
  keys(documentId: number, bySource: boolean): { id: number; key: string }[] {
    return (bySource ? this.sourcesStmt : this.mtsStmt).all(documentId) as { id: number; key: string }[];
  }

  /** The same for at most `limit` segments from position `fromIndex` on, in order. */
  keysFrom(documentId: number, bySource: boolean, fromIndex: number, limit: number): { id: number; index: number; key: string }[] {
    return (bySource ? this.sourcesFromStmt : this.mtsFromStmt).all(documentId, fromIndex, limit) as { id: number; index: number; key: string }[];
  }
}
