import type { Db } from './connection';
import { now } from './time';

export interface EventRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  documentId: number | null;
  segmentId: number | null;
  proposalId: number | null;
  details: Record<string, unknown> | null;
}

export interface NewEvent {
  actor: string;
  action: string;
  documentId?: number;
  segmentId?: number;
  proposalId?: number;
  details?: Record<string, unknown>;
}

const COLUMNS = `id, at, actor, action, document_id AS documentId, segment_id AS segmentId, proposal_id AS proposalId, details`;

/** The append-only log (triggers in the schema refuse UPDATE and DELETE). */
export class EventRepo {
  private readonly insertStmt;
  private readonly bySegmentStmt;
  private readonly byDocumentStmt;
  private readonly getStmt;
  private readonly undoneStmt;
  private readonly termImportUndoneStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO events (at, actor, action, document_id, segment_id, proposal_id, details)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.bySegmentStmt = db.prepare(`SELECT ${COLUMNS} FROM events WHERE segment_id = ? ORDER BY id`);
    this.byDocumentStmt = db.prepare(`SELECT ${COLUMNS} FROM events WHERE document_id = ? ORDER BY id DESC LIMIT ?`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`);
    this.termImportUndoneStmt = db.prepare(`SELECT 1 FROM events WHERE document_id = ? AND action = 'term.import-undone' AND json_extract(details, '$.importId') = ?`);
    this.undoneStmt = db.prepare(`SELECT 1 FROM events WHERE document_id = ? AND action = 'bulk.undone' AND json_extract(details, '$.bulkId') = ?`);
  }

  /** Appends an event; returns its id. */
  record(e: NewEvent): number {
    return Number(this.insertStmt.run(now(), e.actor, e.action, e.documentId ?? null, e.segmentId ?? null, e.proposalId ?? null,
      e.details ? JSON.stringify(e.details) : null).lastInsertRowid);
  }

  get(id: number): EventRow | undefined {
    const row = this.getStmt.get(id) as RawEvent | undefined;
    return row && parse(row);
  }

  /** Whether the bulk action logged as event `bulkId` has been undone. */
  /** Whether the glossary import recorded as event `importId` was undone. */
  termImportUndone(documentId: number, importId: number): boolean {
    return this.termImportUndoneStmt.get(documentId, importId) !== undefined;
  }

  bulkUndone(documentId: number, bulkId: number): boolean {
    return this.undoneStmt.get(documentId, bulkId) !== undefined;
  }

  forSegment(segmentId: number): EventRow[] {
    return (this.bySegmentStmt.all(segmentId) as RawEvent[]).map(parse);
  }

  forDocument(documentId: number, limit = 200): EventRow[] {
    return (this.byDocumentStmt.all(documentId, limit) as RawEvent[]).map(parse);
  }
}

type RawEvent = Omit<EventRow, 'details'> & { details: string | null };
const parse = (row: RawEvent): EventRow => ({ ...row, details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null });
