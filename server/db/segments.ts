import type Database from 'better-sqlite3';
import type { Db } from './connection';
import { now } from './time';

export type SegmentStatus = 'new' | 'edited' | 'reviewed' | 'approved';
export const SEGMENT_STATUSES: SegmentStatus[] = ['new', 'edited', 'reviewed', 'approved'];

export interface SegmentRow {
  id: number;
  documentId: number;
  index: number;
  paragraph: number;
  source: string;
  mt: string;
  text: string;
  status: SegmentStatus;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  wordCount: number;
  editCount: number;
  /** From a bilingual file (XLIFF, TMX): unit id, segment id within the unit, notes (JSON array), inline codes (JSON). */
  unitId?: string | null;
  externalId?: string | null;
  notes?: string | null;
  codes?: string | null;
}

/** What working out a segment's findings again needs. */
export interface SegmentToRecheck {
  id: number;
  version: number;
  mt: string;
  text: string;
  source: string;
}

export interface NewSegment {
  index: number;
  paragraph: number;
  source: string;
  mt: string;
  status?: SegmentStatus;
  unitId?: string | null;
  externalId?: string | null;
  notes?: string | null;
  codes?: string | null;
}

export const SEGMENT_COLUMNS = `id, document_id AS documentId, idx AS "index", paragraph, source, mt, text, status, version,
  updated_by AS updatedBy, updated_at AS updatedAt, word_count AS wordCount, edit_count AS editCount,
  unit_id AS unitId, external_id AS externalId, notes, codes`;
const COLUMNS = SEGMENT_COLUMNS;

/** What a plain-text export reads of a segment. */
export type SegmentText = Pick<SegmentRow, 'index' | 'paragraph' | 'text' | 'codes'>;

export class SegmentRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly pageStmt;
  private readonly afterStmt;
  private readonly textsAfterStmt;
  private readonly countStmt;
  private readonly nextOpenStmt;
  private readonly byNumberStmt;
  private readonly textsStmt;
  private readonly toRecheckStmt;
  private readonly mtTextsStmt;
  private readonly setTextStmt;
  private readonly setTextSameStatusStmt;
  private readonly setStatusStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO segments (document_id, idx, paragraph, source, mt, text, word_count, updated_at,
      status, unit_id, external_id, notes, codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM segments WHERE id = ?`);
    this.pageStmt = db.prepare(`SELECT ${COLUMNS} FROM segments WHERE document_id = ? ORDER BY idx LIMIT ? OFFSET ?`);
    this.afterStmt = db.prepare(`SELECT ${COLUMNS} FROM segments WHERE document_id = ? AND idx > ? ORDER BY idx LIMIT ?`);
    this.textsAfterStmt = db.prepare(`SELECT idx AS "index", paragraph, text, codes FROM segments
      WHERE document_id = ? AND idx > ? ORDER BY idx LIMIT ?`);
    this.countStmt = db.prepare('SELECT count(*) AS n FROM segments WHERE document_id = ?');
    this.nextOpenStmt = db.prepare(`SELECT id, idx AS "index" FROM segments WHERE document_id = ? AND idx > ?
      AND status NOT IN ('reviewed', 'approved') ORDER BY idx LIMIT 1`);
    this.byNumberStmt = db.prepare('SELECT id, idx AS "index" FROM segments WHERE document_id = ? AND idx = ?');
    this.textsStmt = db.prepare('SELECT id, text, source FROM segments WHERE document_id = ? ORDER BY idx');
    this.toRecheckStmt = db.prepare('SELECT id, version, mt, text, source FROM segments WHERE document_id = ? AND id > ? ORDER BY id LIMIT ?');
    this.mtTextsStmt = db.prepare('SELECT id, mt AS text, source FROM segments WHERE document_id = ? ORDER BY idx');
    // The version guard makes a stale write a no-op that the caller detects (no row returned).
    // Without RETURNING, as the proposal inserts (SQLite buffers a returned row in a temporary
    // table): setText builds the row from the one read and what it wrote.
    this.setTextStmt = db.prepare(`UPDATE segments SET text = ?, version = version + 1, status = ?, word_count = ?, edit_count = ?,
      updated_by = ?, updated_at = ? WHERE id = ? AND version = ?`);
    // The same write when the status stays as it is (most saves): an UPDATE that does not name the
    // status column leaves the segments_by_status index alone, one page fewer to write.
    this.setTextSameStatusStmt = db.prepare(`UPDATE segments SET text = ?, version = version + 1, word_count = ?, edit_count = ?,
      updated_by = ?, updated_at = ? WHERE id = ? AND version = ? AND status = ?`);
    // A status change does not bump the version: the version counts changes of the text, so that
    // marking a segment reviewed does not make the proposals made on it stale.
    this.setStatusStmt = db.prepare(`UPDATE segments SET status = ?, updated_by = ?, updated_at = ?
      WHERE id = ? AND version = ?`);
  }

  /** `at` lets an import give all its segments one timestamp instead of asking the clock 100,000 times. */
  insert(documentId: number, s: NewSegment, wordCount: number, at: string = now()): number {
    return Number(this.insertStmt.run(documentId, s.index, s.paragraph, s.source, s.mt, s.mt, wordCount, at,
      s.status ?? 'new', s.unitId ?? null, s.externalId ?? null, s.notes ?? null, s.codes ?? null).lastInsertRowid);
  }

  get(id: number): SegmentRow | undefined {
    return this.getStmt.get(id) as SegmentRow | undefined;
  }

  page(documentId: number, limit: number, offset: number): SegmentRow[] {
    return this.pageStmt.all(documentId, limit, offset) as SegmentRow[];
  }

  /**
   * All segments in order, read in pages: an export never holds a whole document in memory, and
   * no SQLite cursor stays open while the response waits for the network (better-sqlite3 would
   * refuse every other query on the connection meanwhile).
   */
  iterate(documentId: number, pageSize = 2000): Generator<SegmentRow> {
    return inPages<SegmentRow>(this.afterStmt, documentId, pageSize);
  }

  /** Like iterate(), with only the columns a plain-text export needs: about a third of the reading time. */
  iterateTexts(documentId: number, pageSize = 2000): Generator<SegmentText> {
    return inPages<SegmentText>(this.textsAfterStmt, documentId, pageSize);
  }

  /**
   * The next `limit` segments of a document after segment `afterId`, by id: ids never change, so
   * walking a document this way meets every row once while rows are merged or split meanwhile.
   */
  toRecheck(documentId: number, afterId: number, limit: number): SegmentToRecheck[] {
    return this.toRecheckStmt.all(documentId, afterId, limit) as SegmentToRecheck[];
  }

  /** Id, MT (as `text`) and source of every segment, in order: the document checks of the MT. */
  mtTexts(documentId: number): { id: number; text: string; source: string }[] {
    return this.mtTextsStmt.all(documentId) as { id: number; text: string; source: string }[];
  }

  /** Id, text and source of every segment, in order: what document-level checks need. */
  texts(documentId: number): { id: number; text: string; source: string }[] {
    return this.textsStmt.all(documentId) as { id: number; text: string; source: string }[];
  }

  /** The first segment after position `afterIndex` that is neither reviewed nor approved. */
  nextOpen(documentId: number, afterIndex: number): { id: number; index: number } | undefined {
    return this.nextOpenStmt.get(documentId, afterIndex) as { id: number; index: number } | undefined;
  }

  /** The segment at position `index` (0-based) of a document. */
  atIndex(documentId: number, index: number): { id: number; index: number } | undefined {
    return this.byNumberStmt.get(documentId, index) as { id: number; index: number } | undefined;
  }

  count(documentId: number): number {
    return (this.countStmt.get(documentId) as { n: number }).n;
  }

  /**
   * The segment as written; undefined when it is no longer at `version`. The status becomes
   * `status` when given, else edited (or new, when the text is the MT again). `segment` is the row
   * as read in the caller's transaction: its columns that this write leaves alone are returned as
   * they are there.
   */
  setText(segment: SegmentRow, change: { text: string; wordCount: number; editCount: number }, actor: string, status: SegmentStatus | null = null): SegmentRow | undefined {
    const next = status ?? (change.text === segment.mt ? 'new' : 'edited');
    const at = now();
    const { text, wordCount, editCount } = change;
    // The status the caller read is the one to keep only if it is still the stored one; else the full write.
    const written = (next === segment.status && this.setTextSameStatusStmt.run(text, wordCount, editCount, actor, at, segment.id, segment.version, next).changes === 1)
      || this.setTextStmt.run(text, next, wordCount, editCount, actor, at, segment.id, segment.version).changes === 1;
    // Every change of a segment's text, source or MT bumps its version, so the guard also vouches
    // for those columns of the row the caller read.
    return written ? { ...segment, text, status: next, version: segment.version + 1, wordCount, editCount, updatedBy: actor, updatedAt: at } : undefined;
  }

  setStatus(id: number, version: number, status: SegmentStatus, actor: string): boolean {
    return this.setStatusStmt.run(status, actor, now(), id, version).changes === 1;
  }
}

/** Runs a `document_id = ? AND idx > ? ORDER BY idx LIMIT ?` statement page after page. */
function* inPages<T extends { index: number }>(afterStmt: Database.Statement, documentId: number, pageSize: number): Generator<T> {
  let after = -1;
  for (;;) {
    const rows = afterStmt.all(documentId, after, pageSize) as T[];
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].index;
  }
}
