import type { Db } from './connection';
import { groupBySegment } from './proposals';
import { now } from './time';

export interface DismissalRow {
  id: number;
  segmentId: number;
  ruleId: string;
  text: string;
  createdBy: string;
  createdAt: string;
  reason: string | null;
}

export interface CommentRow {
  id: number;
  segmentId: number;
  parentId: number | null;
  author: string;
  body: string;
  createdAt: string;
}

/** Dismissed findings (false positives) and rules switched off per document. */
export class DismissalRepo {
  private readonly insertStmt;
  private readonly deleteStmt;
  private readonly disableStmt;
  private readonly enableStmt;
  private readonly disabledStmt;
  private readonly forSegmentsStmt;
  private readonly reasonStmt;
  private readonly dismissInDocumentStmt;
  private readonly restoreInDocumentStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO dismissals (segment_id, rule_id, text, created_by, created_at, reason) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (segment_id, rule_id, text) DO NOTHING`);
    this.reasonStmt = db.prepare('UPDATE dismissals SET reason = ? WHERE segment_id = ? AND rule_id = ? AND text = ?');
    // Every segment of the document where the rule flags the phrase, on the MT or the current text.
    this.dismissInDocumentStmt = db.prepare(`INSERT INTO dismissals (segment_id, rule_id, text, created_by, created_at, reason)
      SELECT DISTINCT f.segment_id, f.rule_id, f.text, ?, ?, ? FROM findings f JOIN segments s ON s.id = f.segment_id
      WHERE s.document_id = ? AND f.rule_id = ? AND f.text = ? ORDER BY f.segment_id
      ON CONFLICT (segment_id, rule_id, text) DO NOTHING`);
    this.restoreInDocumentStmt = db.prepare(`DELETE FROM dismissals WHERE rule_id = ? AND text = ?
      AND segment_id IN (SELECT id FROM segments WHERE document_id = ?)`);
    this.deleteStmt = db.prepare('DELETE FROM dismissals WHERE segment_id = ? AND rule_id = ? AND text = ?');
    this.disableStmt = db.prepare(`INSERT INTO document_rules (document_id, rule_id, created_by, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT DO NOTHING`);
    this.enableStmt = db.prepare('DELETE FROM document_rules WHERE document_id = ? AND rule_id = ?');
    this.disabledStmt = db.prepare('SELECT rule_id AS ruleId FROM document_rules WHERE document_id = ? ORDER BY rule_id');
    this.forSegmentsStmt = db.prepare(`SELECT id, segment_id AS segmentId, rule_id AS ruleId, text, created_by AS createdBy, created_at AS createdAt,
      reason FROM dismissals WHERE segment_id IN (SELECT value FROM json_each(?))`);
  }

  /** False when it was dismissed already (a reason given then replaces the old one). */
  dismiss(segmentId: number, ruleId: string, text: string, actor: string, reason: string | null = null): boolean {
    if (this.insertStmt.run(segmentId, ruleId, text, actor, now(), reason).changes === 1) return true;
    if (reason !== null) this.reasonStmt.run(reason, segmentId, ruleId, text);
    return false;
  }

  /** Dismisses the phrase wherever the rule flags it in the document; returns how many segments. */
  dismissInDocument(documentId: number, ruleId: string, text: string, actor: string, reason: string | null): number {
    return this.dismissInDocumentStmt.run(actor, now(), reason, documentId, ruleId, text).changes;
  }

  restoreInDocument(documentId: number, ruleId: string, text: string): number {
    return this.restoreInDocumentStmt.run(ruleId, text, documentId).changes;
  }

  restore(segmentId: number, ruleId: string, text: string): boolean {
    return this.deleteStmt.run(segmentId, ruleId, text).changes === 1;
  }

  forSegments(segmentIds: number[]): Map<number, DismissalRow[]> {
    return groupBySegment(this.forSegmentsStmt, segmentIds);
  }

  disableRule(documentId: number, ruleId: string, actor: string): boolean {
    return this.disableStmt.run(documentId, ruleId, actor, now()).changes === 1;
  }

  enableRule(documentId: number, ruleId: string): boolean {
    return this.enableStmt.run(documentId, ruleId).changes === 1;
  }

  disabledRules(documentId: number): Set<string> {
    return new Set((this.disabledStmt.all(documentId) as { ruleId: string }[]).map((r) => r.ruleId));
  }
}

export class CommentRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly forSegmentsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare('INSERT INTO comments (segment_id, parent_id, author, body, created_at) VALUES (?, ?, ?, ?, ?)');
    this.getStmt = db.prepare('SELECT id, segment_id AS segmentId, parent_id AS parentId, author, body, created_at AS createdAt FROM comments WHERE id = ?');
    this.forSegmentsStmt = db.prepare(`SELECT id, segment_id AS segmentId, parent_id AS parentId, author, body, created_at AS createdAt
      FROM comments WHERE segment_id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  }

  insert(segmentId: number, parentId: number | null, author: string, body: string): CommentRow {
    const id = Number(this.insertStmt.run(segmentId, parentId, author, body, now()).lastInsertRowid);
    return this.get(id)!;
  }

  get(id: number): CommentRow | undefined {
    return this.getStmt.get(id) as CommentRow | undefined;
  }

  forSegments(segmentIds: number[]): Map<number, CommentRow[]> {
    return groupBySegment(this.forSegmentsStmt, segmentIds);
  }
}
