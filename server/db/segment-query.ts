import type Database from 'better-sqlite3';
import type { Db } from './connection';
import { SEGMENT_COLUMNS, type SegmentRow, type SegmentStatus } from './segments';

/** What the review grid can be narrowed to. Every field is optional; they combine with AND. */
export interface SegmentFilter {
  flagged?: boolean;
  rule?: string;
  severity?: 'minor' | 'major' | 'critical';
  pending?: boolean;
  edited?: boolean;
  unreviewed?: boolean;
  commented?: boolean;
  /** Segments with the same source (or, without a source, the same MT) as another. */
  repeated?: boolean;
  /** Rows the import marked as likely misaligned. */
  misaligned?: boolean;
  /** Segments with an open error annotation of a reviewer. */
  annotated?: boolean;
  status?: SegmentStatus;
  q?: string;
}

/**
 * A finding is open when it is on the current text, not dismissed for its segment and phrase,
 * and its rule is not switched off for the document. `f` and `s` are the finding and segment.
 */
export const OPEN_FINDING = `f.field = 'text'
  AND NOT EXISTS (SELECT 1 FROM dismissals d WHERE d.segment_id = f.segment_id AND d.rule_id = f.rule_id AND d.text = f.text)
  AND NOT EXISTS (SELECT 1 FROM document_rules r WHERE r.document_id = s.document_id AND r.rule_id = f.rule_id)`;

/** Segment r repeats segment s: the same source, or (both without one) the same MT. */
const SAME_KEY = `CASE WHEN s.source <> '' THEN r.source = s.source ELSE r.mt = s.mt AND r.source = '' END`;

function where(filter: SegmentFilter): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = ['s.document_id = @documentId'];
  const params: Record<string, unknown> = {};
  const finding = (extra: string) => `EXISTS (SELECT 1 FROM findings f WHERE f.segment_id = s.id AND ${OPEN_FINDING}${extra})`;
  if (filter.flagged) clauses.push(finding(''));
  if (filter.rule) {
    clauses.push(finding(' AND f.rule_id = @rule'));
    params.rule = filter.rule;
  }
  if (filter.severity) {
    clauses.push(finding(' AND f.severity = @severity'));
    params.severity = filter.severity;
  }
  if (filter.pending) clauses.push(`EXISTS (SELECT 1 FROM proposals p WHERE p.segment_id = s.id AND p.state = 'pending')`);
  if (filter.edited) clauses.push('s.text <> s.mt');
  if (filter.unreviewed) clauses.push(`s.status NOT IN ('reviewed', 'approved')`);
  if (filter.commented) clauses.push('EXISTS (SELECT 1 FROM comments c WHERE c.segment_id = s.id)');
  if (filter.repeated) clauses.push(`EXISTS (SELECT 1 FROM segments r WHERE r.document_id = s.document_id AND r.id <> s.id AND ${SAME_KEY})`);
  if (filter.misaligned) clauses.push('EXISTS (SELECT 1 FROM misaligned_segments m WHERE m.segment_id = s.id)');
  if (filter.annotated) clauses.push(`EXISTS (SELECT 1 FROM lqa_annotations a WHERE a.segment_id = s.id AND a.state = 'open')`);
  if (filter.status) {
    clauses.push('s.status = @status');
    params.status = filter.status;
  }
  if (filter.q) {
    clauses.push(`(s.source LIKE @q ESCAPE '\\' OR s.mt LIKE @q ESCAPE '\\' OR s.text LIKE @q ESCAPE '\\')`);
    params.q = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: clauses.join(' AND '), params };
}

/** Filtered, paged reads of a document's segments; the filtering and counting happen in SQLite. */
export class SegmentQuery {
  // Filters combine into a few dozen distinct statements at most: prepare each once.
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }

  page(documentId: number, filter: SegmentFilter, limit: number, offset: number): SegmentRow[] {
    const w = where(filter);
    // Repetitions are listed group by group, each where its first segment is.
    const order = filter.repeated ? `(SELECT min(r.idx) FROM segments r WHERE r.document_id = s.document_id AND ${SAME_KEY}), s.idx` : 's.idx';
    return this.prepare(`SELECT ${SEGMENT_COLUMNS} FROM segments s WHERE ${w.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
      .all({ ...w.params, documentId, limit, offset }) as SegmentRow[];
  }

  /** Up to `limit` matching segments after the one at `afterIndex`, in order (keyset paging). */
  pageAfter(documentId: number, filter: SegmentFilter, limit: number, afterIndex: number): SegmentRow[] {
    const w = where(filter);
    return this.prepare(`SELECT ${SEGMENT_COLUMNS} FROM segments s WHERE ${w.sql} AND s.idx > @after ORDER BY s.idx LIMIT @limit`)
      .all({ ...w.params, documentId, limit, after: afterIndex }) as SegmentRow[];
  }

  count(documentId: number, filter: SegmentFilter): number {
    const w = where(filter);
    return (this.prepare(`SELECT count(*) AS n FROM segments s WHERE ${w.sql}`).get({ ...w.params, documentId }) as { n: number }).n;
  }

  /** The next segment after `index` matching the filter (for "go to next unreviewed"). */
  next(documentId: number, filter: SegmentFilter, afterIndex: number): SegmentRow | undefined {
    const w = where(filter);
    return this.prepare(`SELECT s.id, s.idx AS "index" FROM segments s WHERE ${w.sql} AND s.idx > @after ORDER BY s.idx LIMIT 1`)
      .get({ ...w.params, documentId, after: afterIndex }) as SegmentRow | undefined;
  }

  /** Open findings of one rule in a document, in segment order. */
  openFindingsOfRule(documentId: number, ruleId: string): { id: number; segmentId: number; start: number; end: number; text: string; suggestions: string[] }[] {
    const rows = this.prepare(`SELECT f.id, f.segment_id AS segmentId, f.start, f.end, f.text, g.text AS suggestions FROM findings f
      JOIN segments s ON s.id = f.segment_id JOIN finding_texts g ON g.id = f.suggestions_id WHERE s.document_id = ? AND f.rule_id = ? AND ${OPEN_FINDING} ORDER BY s.idx, f.start`)
      .all(documentId, ruleId) as { id: number; segmentId: number; start: number; end: number; text: string; suggestions: string }[];
    return rows.map((r) => ({ ...r, suggestions: JSON.parse(r.suggestions) as string[] }));
  }

  /** How many segments of the document still have an open finding of the rule on this phrase. */
  phraseSegments(documentId: number, ruleId: string, text: string): number {
    return (this.prepare(`SELECT count(DISTINCT f.segment_id) AS n FROM findings f JOIN segments s ON s.id = f.segment_id
      WHERE s.document_id = ? AND f.rule_id = ? AND f.text = ? AND ${OPEN_FINDING}`).get(documentId, ruleId, text) as { n: number }).n;
  }

  /** Open findings of the document per rule: how many segments each rule flags now. */
  ruleCounts(documentId: number): { ruleId: string; segments: number }[] {
    return this.prepare(`SELECT f.rule_id AS ruleId, count(DISTINCT f.segment_id) AS segments
      FROM findings f JOIN segments s ON s.id = f.segment_id WHERE s.document_id = ? AND ${OPEN_FINDING}
      GROUP BY f.rule_id ORDER BY segments DESC, f.rule_id`).all(documentId) as { ruleId: string; segments: number }[];
  }
}
