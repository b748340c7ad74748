import type { Db } from './connection';
import { now } from './time';

export interface DocumentRow {
  id: number;
  title: string;
  sourceLang: string;
  targetLang: string;
  hasSource: boolean;
  format: string;
  createdBy: string;
  createdAt: string;
}

export interface DocumentSummary extends DocumentRow {
  segments: number;
  reviewed: number;
  edited: number;
  flags: number;
  pendingProposals: number;
  percentReviewed: number;
  words: number;
  editWords: number;
  /** Word edits from the MT per word of the current text (HTER), for the whole document. */
  hter: number;
}

/** A document as the importer hands it over: the database adds the id and the time. */
export type NewDocument = Omit<DocumentRow, 'id' | 'createdAt'>;

const COLUMNS = `d.id, d.title, d.source_lang AS sourceLang, d.target_lang AS targetLang,
  d.has_source AS hasSource, d.format, d.created_by AS createdBy, d.created_at AS createdAt`;

// Counts come from SQLite, never from loading the segments: one pass over the document's
// segments, one over its findings (a 100,000-segment document: 62–91 ms, against 178 ms as seven
// subqueries, each request of every other user waiting meanwhile).
const SEGMENT_COUNTS = `SELECT count(*) AS segments, coalesce(sum(status IN ('reviewed', 'approved')), 0) AS reviewed,
  coalesce(sum(version > 1), 0) AS edited, coalesce(sum(word_count), 0) AS words, coalesce(sum(edit_count), 0) AS editWords
  FROM segments WHERE document_id = ?`;
// The open findings (OPEN_FINDING) are all findings on the current text less those of rules switched
// off for the document and those dismissed: counted from the few switched-off rules and dismissals
// rather than asking of each finding whether it is one of them. A dismissed finding of a switched-off
// rule is taken off once.
const OPEN_FLAGS = `SELECT
  (SELECT count(*) FROM findings f JOIN segments s ON s.id = f.segment_id WHERE s.document_id = @id AND f.field = 'text')
  - (SELECT count(*) FROM document_rules r CROSS JOIN findings f ON f.rule_id = r.rule_id CROSS JOIN segments s ON s.id = f.segment_id
      WHERE r.document_id = @id AND s.document_id = @id AND f.field = 'text')
  - (SELECT count(*) FROM dismissals x CROSS JOIN segments s ON s.id = x.segment_id
      CROSS JOIN findings f ON f.segment_id = x.segment_id AND f.rule_id = x.rule_id AND f.text = x.text
      WHERE s.document_id = @id AND f.field = 'text'
        AND NOT EXISTS (SELECT 1 FROM document_rules r WHERE r.document_id = @id AND r.rule_id = x.rule_id)) AS flags`;
const PENDING = `SELECT count(*) AS pendingProposals FROM proposals p JOIN segments s ON s.id = p.segment_id
  WHERE s.document_id = ? AND p.state = 'pending'`;

export class DocumentRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly segmentCountsStmt;
  private readonly openFlagsStmt;
  private readonly pendingStmt;
  private readonly listStmt;
  private readonly deleteStmt;
  private readonly setCheckedWithStmt;
  private readonly checkedOtherwiseStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO documents (title, source_lang, target_lang, has_source, format, created_by, created_at)
      VALUES (@title, @sourceLang, @targetLang, @hasSource, @format, @createdBy, @createdAt)`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM documents d WHERE d.id = ?`);
    this.segmentCountsStmt = db.prepare(SEGMENT_COUNTS);
    this.openFlagsStmt = db.prepare(OPEN_FLAGS).pluck();
    this.pendingStmt = db.prepare(PENDING).pluck();
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM documents d ORDER BY d.id DESC`);
    this.deleteStmt = db.prepare('DELETE FROM documents WHERE id = ?');
    this.setCheckedWithStmt = db.prepare('UPDATE documents SET checked_with = ? WHERE id = ?');
    this.checkedOtherwiseStmt = db.prepare('SELECT id FROM documents WHERE checked_with IS NOT ? ORDER BY id DESC');
  }

  insert(doc: NewDocument): number {
    const info = this.insertStmt.run({ ...doc, hasSource: doc.hasSource ? 1 : 0, createdAt: now() });
    return Number(info.lastInsertRowid);
  }

  get(id: number): DocumentRow | undefined {
    const row = this.getStmt.get(id) as (Omit<DocumentRow, 'hasSource'> & { hasSource: number }) | undefined;
    return row && { ...row, hasSource: row.hasSource === 1 };
  }

  summary(id: number): DocumentSummary | undefined {
    const row = this.getStmt.get(id) as RawDocument | undefined;
    return row && this.withCounts(row);
  }

  list(): DocumentSummary[] {
    return (this.listStmt.all() as RawDocument[]).map((row) => this.withCounts(row));
  }

  private withCounts(row: RawDocument): DocumentSummary {
    const counts = this.segmentCountsStmt.get(row.id) as SegmentCounts;
    const flags = this.openFlagsStmt.get({ id: row.id }) as number;
    const pendingProposals = this.pendingStmt.get(row.id) as number;
    return toSummary({ ...row, ...counts, flags, pendingProposals });
  }

  /** Records the fingerprint of the rules the document's findings were just worked out with. */
  setCheckedWith(id: number, fingerprint: string): void {
    this.setCheckedWithStmt.run(fingerprint, id);
  }

  /** Documents whose findings were worked out with other rules than `fingerprint`'s (or unknown ones), newest first. */
  checkedOtherwise(fingerprint: string): number[] {
    return (this.checkedOtherwiseStmt.all(fingerprint) as { id: number }[]).map((r) => r.id);
  }

  delete(id: number): boolean {
    return this.deleteStmt.run(id).changes > 0;
  }
}

type RawDocument = Omit<DocumentRow, 'hasSource'> & { hasSource: number };
type SegmentCounts = Pick<DocumentSummary, 'segments' | 'reviewed' | 'edited' | 'words' | 'editWords'>;
type RawSummary = Omit<DocumentSummary, 'hasSource' | 'percentReviewed' | 'hter'> & { hasSource: number };

function toSummary(row: RawSummary): DocumentSummary {
  return {
    ...row,
    hasSource: row.hasSource === 1,
    percentReviewed: row.segments === 0 ? 0 : Math.round((100 * row.reviewed) / row.segments),
    hter: row.words === 0 ? 0 : row.editWords / row.words,
  };
}
