import type { Db } from '../db/connection';

/** What the second reader reads of documents and segments beyond the shared repositories. */
export class SecondReaderRepo {
  private readonly neighbourStmt;
  private readonly optOutStmt;
  private readonly setOptOutStmt;

  constructor(db: Db) {
    this.neighbourStmt = db.prepare('SELECT text FROM segments WHERE document_id = ? AND idx = ?').pluck();
    this.optOutStmt = db.prepare('SELECT llm_opt_out FROM documents WHERE id = ?').pluck();
    this.setOptOutStmt = db.prepare('UPDATE documents SET llm_opt_out = ? WHERE id = ? AND llm_opt_out <> ?');
  }

  /** The text of the segment at `index` of a document, if there is one. */
  textAt(documentId: number, index: number): string | undefined {
    return this.neighbourStmt.get(documentId, index) as string | undefined;
  }

  optedOut(documentId: number): boolean {
    return this.optOutStmt.get(documentId) === 1;
  }

  /** True when it changed. */
  setOptOut(documentId: number, optOut: boolean): boolean {
    const v = optOut ? 1 : 0;
    return this.setOptOutStmt.run(v, documentId, v).changes === 1;
  }
}
