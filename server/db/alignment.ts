import type { Db } from './connection';
import type { SegmentRow } from './segments';
import { SEGMENT_COLUMNS } from './segments';
import { now } from './time';

/** A segment row as an alignment repair saves it, to put it back on undo. */
export type SavedSegment = Omit<SegmentRow, 'documentId'>;

export interface AlignmentOp {
  id: number;
  documentId: number;
  kind: 'merge' | 'split' | 'move';
  details: AlignmentDetails;
  createdBy: string;
  createdAt: string;
  undoneBy: string | null;
  undoneAt: string | null;
}

export interface AlignmentDetails {
  /** The rows touched, as they were before. */
  before: SavedSegment[];
  /** The ids and versions of the rows touched, as the repair left them. */
  after: Array<{ id: number; version: number }>;
  /** Records moved from a merged-away row to the row it merged into, to move back on undo. */
  moved?: { from: number; to: number; comments: number[]; proposals: number[]; annotations: number[]; dismissals: number[]; textShift: number; mtShift: number };
}

export interface AlignmentNote {
  sourceParagraphs: number;
  mtParagraphs: number;
  sourceSentences: number;
  mtSentences: number;
  /** Whether the counts differ: the import had to guess where sentences belong. */
  differs: boolean;
}

/** Rows written by alignment repairs: merged, split, moved, restored. Statements prepared once. */
export class AlignmentRepo {
  private readonly updateStmt;
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly atStmt;
  private readonly shiftOutStmt;
  private readonly plusOneStmt;
  private readonly minusOneStmt;
  private readonly moveCommentsStmt;
  private readonly moveProposalsStmt;
  private readonly moveAnnotationsStmt;
  private readonly moveDismissalsStmt;
  private readonly idsStmt;
  private readonly opInsertStmt;
  private readonly opGetStmt;
  private readonly opListStmt;
  private readonly opUndoneStmt;
  private readonly markStmt;
  private readonly unmarkStmt;
  private readonly marksStmt;
  private readonly childCountStmt;

  constructor(db: Db) {
    this.updateStmt = db.prepare(`UPDATE segments SET source = @source, mt = @mt, text = @text, status = @status, version = @version,
      word_count = @wordCount, edit_count = @editCount, updated_by = @actor, updated_at = @at WHERE id = @id`);
    this.insertStmt = db.prepare(`INSERT INTO segments (id, document_id, idx, paragraph, source, mt, text, status, version, updated_by, updated_at,
      word_count, edit_count, unit_id, external_id, notes, codes)
      VALUES (@id, @documentId, @index, @paragraph, @source, @mt, @text, @status, @version, @updatedBy, @updatedAt, @wordCount, @editCount,
      @unitId, @externalId, @notes, @codes)`);
    this.deleteStmt = db.prepare('DELETE FROM segments WHERE id = ?');
    this.atStmt = db.prepare(`SELECT ${SEGMENT_COLUMNS} FROM segments WHERE document_id = ? AND idx = ?`);
    // idx is UNIQUE per document and SQLite checks it row by row: shift through negative values.
    this.shiftOutStmt = db.prepare('UPDATE segments SET idx = -idx - 1 WHERE document_id = ? AND idx >= ?');
    // From -idx - 1 to idx + 1 and to idx - 1.
    this.plusOneStmt = db.prepare('UPDATE segments SET idx = -idx WHERE document_id = ? AND idx < 0');
    this.minusOneStmt = db.prepare('UPDATE segments SET idx = -idx - 2 WHERE document_id = ? AND idx < 0');
    this.moveCommentsStmt = db.prepare('UPDATE comments SET segment_id = ? WHERE id IN (SELECT value FROM json_each(?))');
    this.moveProposalsStmt = db.prepare('UPDATE proposals SET segment_id = ? WHERE id IN (SELECT value FROM json_each(?))');
    this.moveAnnotationsStmt = db.prepare(`UPDATE lqa_annotations SET segment_id = @to,
      start = start + CASE field WHEN 'text' THEN @textShift ELSE @mtShift END, end = end + CASE field WHEN 'text' THEN @textShift ELSE @mtShift END
      WHERE id IN (SELECT value FROM json_each(@ids))`);
    this.moveDismissalsStmt = db.prepare('UPDATE OR IGNORE dismissals SET segment_id = ? WHERE id IN (SELECT value FROM json_each(?))');
    this.idsStmt = db.prepare(`SELECT
      (SELECT json_group_array(id) FROM comments WHERE segment_id = @id) AS comments,
      (SELECT json_group_array(id) FROM proposals WHERE segment_id = @id) AS proposals,
      (SELECT json_group_array(id) FROM lqa_annotations WHERE segment_id = @id) AS annotations,
      (SELECT json_group_array(id) FROM dismissals WHERE segment_id = @id) AS dismissals`);
    this.opInsertStmt = db.prepare('INSERT INTO alignment_ops (document_id, kind, details, created_by, created_at) VALUES (?, ?, ?, ?, ?)');
    const OP = 'id, document_id AS documentId, kind, details, created_by AS createdBy, created_at AS createdAt, undone_by AS undoneBy, undone_at AS undoneAt';
    this.opGetStmt = db.prepare(`SELECT ${OP} FROM alignment_ops WHERE id = ?`);
    this.opListStmt = db.prepare(`SELECT ${OP} FROM alignment_ops WHERE document_id = ? ORDER BY id DESC LIMIT 200`);
    this.opUndoneStmt = db.prepare('UPDATE alignment_ops SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL');
    this.markStmt = db.prepare('INSERT OR REPLACE INTO misaligned_segments (segment_id, reason) VALUES (?, ?)');
    this.unmarkStmt = db.prepare('DELETE FROM misaligned_segments WHERE segment_id = ?');
    this.marksStmt = db.prepare(`SELECT m.segment_id AS segmentId, s.idx AS "index", m.reason FROM misaligned_segments m JOIN segments s ON s.id = m.segment_id
      WHERE s.document_id = ? ORDER BY s.idx`);
    this.childCountStmt = db.prepare(`SELECT (SELECT count(*) FROM comments WHERE segment_id = @id) + (SELECT count(*) FROM proposals WHERE segment_id = @id)
      + (SELECT count(*) FROM lqa_annotations WHERE segment_id = @id) AS n`).pluck();
  }

  at(documentId: number, index: number): SegmentRow | undefined {
    return this.atStmt.get(documentId, index) as SegmentRow | undefined;
  }

  write(id: number, row: Pick<SegmentRow, 'source' | 'mt' | 'text' | 'status' | 'version' | 'wordCount' | 'editCount'>, actor: string): void {
    this.updateStmt.run({ id, source: row.source, mt: row.mt, text: row.text, status: row.status, version: row.version, wordCount: row.wordCount, editCount: row.editCount, actor, at: now() });
  }

  /** Makes room at `index` (rows from there move one down). */
  openGap(documentId: number, index: number): void {
    this.shiftOutStmt.run(documentId, index);
    this.plusOneStmt.run(documentId);
  }

  /** Closes the gap at `index` (rows after it move one up). */
  closeGap(documentId: number, index: number): void {
    this.shiftOutStmt.run(documentId, index + 1);
    this.minusOneStmt.run(documentId);
  }

  /** Inserts a row; `id` given to put a saved row back under its own id. */
  insert(documentId: number, row: Omit<SavedSegment, 'id'> & { id?: number }): number {
    return Number(this.insertStmt.run({ id: row.id ?? null, documentId, ...row, unitId: row.unitId ?? null, externalId: row.externalId ?? null, notes: row.notes ?? null, codes: row.codes ?? null }).lastInsertRowid);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  childIds(segmentId: number): { comments: number[]; proposals: number[]; annotations: number[]; dismissals: number[] } {
    const raw = this.idsStmt.get({ id: segmentId }) as Record<'comments' | 'proposals' | 'annotations' | 'dismissals', string>;
    return { comments: JSON.parse(raw.comments), proposals: JSON.parse(raw.proposals), annotations: JSON.parse(raw.annotations), dismissals: JSON.parse(raw.dismissals) };
  }

  childCount(segmentId: number): number {
    return this.childCountStmt.get({ id: segmentId }) as number;
  }

  /** Moves comments, proposals, annotations (offsets shifted) and dismissals to another row. */
  moveChildren(to: number, ids: { comments: number[]; proposals: number[]; annotations: number[]; dismissals: number[] }, textShift: number, mtShift: number): void {
    this.moveCommentsStmt.run(to, JSON.stringify(ids.comments));
    this.moveProposalsStmt.run(to, JSON.stringify(ids.proposals));
    this.moveAnnotationsStmt.run({ to, textShift, mtShift, ids: JSON.stringify(ids.annotations) });
    this.moveDismissalsStmt.run(to, JSON.stringify(ids.dismissals));
  }

  recordOp(documentId: number, kind: AlignmentOp['kind'], details: AlignmentDetails, actor: string): number {
    return Number(this.opInsertStmt.run(documentId, kind, JSON.stringify(details), actor, now()).lastInsertRowid);
  }

  op(id: number): AlignmentOp | undefined {
    const row = this.opGetStmt.get(id) as (Omit<AlignmentOp, 'details'> & { details: string }) | undefined;
    return row && { ...row, details: JSON.parse(row.details) as AlignmentDetails };
  }

  ops(documentId: number): AlignmentOp[] {
    return (this.opListStmt.all(documentId) as Array<Omit<AlignmentOp, 'details'> & { details: string }>).map((r) => ({ ...r, details: JSON.parse(r.details) as AlignmentDetails }));
  }

  markUndone(id: number, actor: string): boolean {
    return this.opUndoneStmt.run(actor, now(), id).changes === 1;
  }

  mark(segmentId: number, reason: string): void {
    this.markStmt.run(segmentId, reason);
  }

  unmark(segmentId: number): void {
    this.unmarkStmt.run(segmentId);
  }

  marks(documentId: number): Array<{ segmentId: number; index: number; reason: string }> {
    return this.marksStmt.all(documentId) as Array<{ segmentId: number; index: number; reason: string }>;
  }
}
