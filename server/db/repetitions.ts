import type { Db } from './connection';

/** Segments of a document with the same source, or the same MT. */
export class RepetitionRepo {
  private readonly sourcesStmt;
  private readonly mtsStmt;

  constructor(db: Db) {
    this.sourcesStmt = db.prepare('SELECT id, source AS key FROM segments WHERE document_id = ? ORDER BY idx');
    this.mtsStmt = db.prepare('SELECT id, mt AS key FROM segments WHERE document_id = ? ORDER BY idx');
  }

  /** Every segment's source (or MT): what repetitions are found by. Neither changes after import except by an alignment repair. */
  keys(documentId: number, bySource: boolean): { id: number; key: string }[] {
    return (bySource ? this.sourcesStmt : this.mtsStmt).all(documentId) as { id: number; key: string }[];
  }
}
