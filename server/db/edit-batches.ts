import type { Db } from './connection';
import { now } from './time';

export interface EditBatch {
  id: number;
  documentId: number;
  kind: 'replace' | 'repetitions';
  proposals: number[];
  details: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

/** Edits made together (a find-and-replace, a propagation to repetitions), undone together. */
export class EditBatchRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly undoneStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO edit_batches (document_id, kind, proposals, details, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.getStmt = db.prepare(`SELECT id, document_id AS documentId, kind, proposals, details, created_by AS createdBy, created_at AS createdAt,
      undone_by AS undoneBy, undone_at AS undoneAt FROM edit_batches WHERE id = ?`);
    this.undoneStmt = db.prepare('UPDATE edit_batches SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL');
  }

  insert(documentId: number, kind: EditBatch['kind'], proposals: number[], details: Record<string, unknown>, actor: string): number {
    return Number(this.insertStmt.run(documentId, kind, JSON.stringify(proposals), JSON.stringify(details), actor, now()).lastInsertRowid);
  }

  get(id: number): EditBatch | undefined {
    const row = this.getStmt.get(id) as (Omit<EditBatch, 'proposals' | 'details'> & { proposals: string; details: string }) | undefined;
    return row && { ...row, proposals: JSON.parse(row.proposals) as number[], details: JSON.parse(row.details) as Record<string, unknown> };
  }

  markUndone(id: number, actor: string): boolean {
    return this.undoneStmt.run(actor, now(), id).changes === 1;
  }
}
