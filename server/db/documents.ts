import type { Db } from './connection';
import { now } from './time';
import { OPEN_FINDING } from './segment-query';

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

// Counts come from SQLite, never from loading the segments.
const SUMMARY = `SELECT ${COLUMNS},
  (SELECT count(*) FROM segments s WHERE s.document_id = d.id) AS segments,
  (SELECT count(*) FROM segments s WHERE s.document_id = d.id AND s.status IN ('reviewed', 'approved')) AS reviewed,
  (SELECT count(*) FROM segments s WHERE s.document_id = d.id AND s.version > 1) AS edited,
  (SELECT count(*) FROM findings f JOIN segments s ON s.id = f.segment_id WHERE s.document_id = d.id AND ${OPEN_FINDING}) AS flags,
  (SELECT coalesce(sum(s.word_count), 0) FROM segments s WHERE s.document_id = d.id) AS words,
  (SELECT coalesce(sum(s.edit_count), 0) FROM segments s WHERE s.document_id = d.id) AS editWords,
  (SELECT count(*) FROM proposals p JOIN segments s ON s.id = p.segment_id WHERE s.document_id = d.id AND p.state = 'pending') AS pendingProposals
  FROM documents d`;

export class DocumentRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly summaryStmt;
  private readonly listStmt;
  private readonly deleteStmt;
  private readonly setCheckedWithStmt;
  private readonly checkedOtherwiseStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO documents (title, source_lang, target_lang, has_source, format, created_by, created_at)
      VALUES (@title, @sourceLang, @targetLang, @hasSource, @format, @createdBy, @createdAt)`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM documents d WHERE d.id = ?`);
    this.summaryStmt = db.prepare(`${SUMMARY} WHERE d.id = ?`);
    this.listStmt = db.prepare(`${SUMMARY} ORDER BY d.id DESC`);
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
    const row = this.summaryStmt.get(id) as RawSummary | undefined;
    return row && toSummary(row);
  }

  list(): DocumentSummary[] {
    return (this.listStmt.all() as RawSummary[]).map(toSummary);
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

type RawSummary = Omit<DocumentSummary, 'hasSource' | 'percentReviewed' | 'hter'> & { hasSource: number };

function toSummary(row: RawSummary): DocumentSummary {
  return {
    ...row,
    hasSource: row.hasSource === 1,
    percentReviewed: row.segments === 0 ? 0 : Math.round((100 * row.reviewed) / row.segments),
    hter: row.words === 0 ? 0 : row.editWords / row.words,
  };
}
