import type { Db } from './connection';

/** The paragraph styles of an imported .docx, by paragraph number. */
export class StyleRepo {
  private readonly setStmt;
  private readonly forDocumentStmt;

  constructor(db: Db) {
    this.setStmt = db.prepare('INSERT OR REPLACE INTO paragraph_styles (document_id, paragraph, style) VALUES (?, ?, ?)');
    this.forDocumentStmt = db.prepare('SELECT paragraph, style FROM paragraph_styles WHERE document_id = ?');
  }

  set(documentId: number, paragraph: number, style: string): void {
    this.setStmt.run(documentId, paragraph, style);
  }

  forDocument(documentId: number): Map<number, string> {
    return new Map((this.forDocumentStmt.all(documentId) as Array<{ paragraph: number; style: string }>).map((r) => [r.paragraph, r.style]));
  }
}
