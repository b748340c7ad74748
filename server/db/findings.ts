import type { Finding } from '../checks/types';
import type { Db } from './connection';
import { FindingTexts } from './finding-texts';
import { groupBySegment } from './proposals';

export type FindingField = 'mt' | 'text';

export interface StoredFinding extends Finding {
  id: number;
  segmentId: number;
  field: FindingField;
}

// Messages, explanations and suggestion lists are interned in finding_texts (see migration 0005).
const SELECT = `SELECT f.id, f.segment_id AS segmentId, f.field, f.rule_id AS ruleId, f.category, f.severity, f.start,
  f.end, f.text, m.text AS message, e.text AS explanation, g.text AS suggestions
  FROM findings f JOIN finding_texts m ON m.id = f.message_id LEFT JOIN finding_texts e ON e.id = f.explanation_id
  JOIN finding_texts g ON g.id = f.suggestions_id`;

type Raw = Omit<StoredFinding, 'suggestions' | 'explanation'> & { suggestions: string; explanation: string | null };

export class FindingRepo {
  private readonly insertStmt;
  private readonly clearStmt;
  private readonly getStmt;
  private readonly forSegmentStmt;

  readonly texts: FindingTexts;

  constructor(private readonly db: Db) {
    this.texts = new FindingTexts(db);
    this.insertStmt = db.prepare(`INSERT INTO findings (segment_id, field, rule_id, category, severity, start, end, text,
      message_id, explanation_id, suggestions_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.clearStmt = db.prepare('DELETE FROM findings WHERE segment_id = ? AND field = ?');
    this.getStmt = db.prepare(`${SELECT} WHERE f.id = ?`);
    this.forSegmentStmt = db.prepare(`${SELECT} WHERE f.segment_id = ? ORDER BY f.field, f.start, f.id`);
  }

  insertAll(segmentId: number, field: FindingField, findings: Finding[]): void {
    for (const f of findings) {
      this.insertStmt.run(segmentId, field, f.ruleId, f.category, f.severity, f.start, f.end, f.text, this.texts.id(f.message),
        f.explanation === undefined ? null : this.texts.id(f.explanation), this.texts.id(JSON.stringify(f.suggestions)));
    }
  }

  replace(segmentId: number, field: FindingField, findings: Finding[]): void {
    this.clearStmt.run(segmentId, field);
    this.insertAll(segmentId, field, findings);
  }

  /** Makes the findings on the MT of a new document its findings on the current text, in one statement. */
  copyMtToText(documentId: number): void {
    this.db.prepare(`INSERT INTO findings (segment_id, field, rule_id, category, severity, start, end, text, message_id,
      explanation_id, suggestions_id)
      SELECT f.segment_id, 'text', f.rule_id, f.category, f.severity, f.start, f.end, f.text, f.message_id, f.explanation_id,
        f.suggestions_id
      FROM segments s JOIN findings f ON f.segment_id = s.id AND f.field = 'mt'
      WHERE s.document_id = ? ORDER BY f.id`).run(documentId);
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
    const raw = groupBySegment<Raw>(this.db, `${SELECT} WHERE f.segment_id IN (SELECT value FROM json_each(?)) ORDER BY f.field, f.start, f.id`, segmentIds);
    return new Map([...raw].map(([id, rows]) => [id, rows.map(parse)]));
  }
}

function parse(row: Raw): StoredFinding {
  return { ...row, explanation: row.explanation ?? undefined, suggestions: JSON.parse(row.suggestions) as string[] };
}
