import type { Finding } from '../checks/types';
import type { Db } from './connection';
import { groupBySegment } from './proposals';

export type FindingField = 'mt' | 'text';

export interface StoredFinding extends Finding {
  id: number;
  segmentId: number;
  field: FindingField;
}

const COLUMNS = `id, segment_id AS segmentId, field, rule_id AS ruleId, category, severity, start, end, text, message,
  explanation, suggestions`;

type Raw = Omit<StoredFinding, 'suggestions' | 'explanation'> & { suggestions: string; explanation: string | null };

export class FindingRepo {
  private readonly insertStmt;
  private readonly clearStmt;
  private readonly getStmt;
  private readonly forSegmentStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO findings (segment_id, field, rule_id, category, severity, start, end, text,
      message, explanation, suggestions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.clearStmt = db.prepare('DELETE FROM findings WHERE segment_id = ? AND field = ?');
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM findings WHERE id = ?`);
    this.forSegmentStmt = db.prepare(`SELECT ${COLUMNS} FROM findings WHERE segment_id = ? ORDER BY field, start, id`);
  }

  insertAll(segmentId: number, field: FindingField, findings: Finding[]): void {
    for (const f of findings) {
      this.insertStmt.run(segmentId, field, f.ruleId, f.category, f.severity, f.start, f.end, f.text, f.message,
        f.explanation ?? null, JSON.stringify(f.suggestions));
    }
  }

  replace(segmentId: number, field: FindingField, findings: Finding[]): void {
    this.clearStmt.run(segmentId, field);
    this.insertAll(segmentId, field, findings);
  }

  /** Removes the findings of some rules from every segment of a document. */
  deleteRules(documentId: number, field: FindingField, ruleIds: string[]): void {
    this.db.prepare(`DELETE FROM findings WHERE field = ? AND rule_id IN (SELECT value FROM json_each(?))
      AND segment_id IN (SELECT id FROM segments WHERE document_id = ?)`).run(field, JSON.stringify(ruleIds), documentId);
  }

  get(id: number): StoredFinding | undefined {
    const row = this.getStmt.get(id) as Raw | undefined;
    return row && parse(row);
  }

  forSegment(segmentId: number): StoredFinding[] {
    return (this.forSegmentStmt.all(segmentId) as Raw[]).map(parse);
  }

  forSegments(segmentIds: number[]): Map<number, StoredFinding[]> {
    const raw = groupBySegment<Raw>(this.db, `SELECT ${COLUMNS} FROM findings WHERE segment_id IN (SELECT value FROM json_each(?)) ORDER BY field, start, id`, segmentIds);
    return new Map([...raw].map(([id, rows]) => [id, rows.map(parse)]));
  }
}

function parse(row: Raw): StoredFinding {
  return { ...row, explanation: row.explanation ?? undefined, suggestions: JSON.parse(row.suggestions) as string[] };
}
