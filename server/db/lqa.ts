import type { Db } from './connection';
import { groupBySegment } from './proposals';
import { now } from './time';
import type { AnnotationSeverity } from '../lqa/mqm';

export interface LqaAnnotation {
  id: number;
  segmentId: number;
  field: 'text' | 'mt';
  start: number;
  end: number;
  /** The annotated words as they were (empty for an omission). */
  text: string;
  /** The segment version the annotation was made on. */
  segmentVersion: number;
  category: string;
  subcategory: string | null;
  severity: AnnotationSeverity;
  note: string | null;
  state: 'open' | 'removed';
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

export type NewAnnotation = Pick<LqaAnnotation, 'segmentId' | 'field' | 'start' | 'end' | 'text' | 'segmentVersion' | 'category' | 'subcategory' | 'severity' | 'note' | 'createdBy'>;
export type AnnotationChange = Pick<LqaAnnotation, 'category' | 'subcategory' | 'severity' | 'note'>;

const columns = (t: string) => `${t}.id, ${t}.segment_id AS segmentId, ${t}.field, ${t}.start, ${t}.end, ${t}.text, ${t}.segment_version AS segmentVersion,
  ${t}.category, ${t}.subcategory, ${t}.severity, ${t}.note, ${t}.state, ${t}.version, ${t}.created_by AS createdBy, ${t}.created_at AS createdAt,
  ${t}.updated_by AS updatedBy, ${t}.updated_at AS updatedAt`;
const COLUMNS = columns('lqa_annotations');

/** The reviewer's error annotations. Removing one keeps it (state 'removed'), so it can be restored. */
export class LqaRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly updateStmt;
  private readonly stateStmt;
  private readonly forSegmentsStmt;
  private readonly openInDocumentStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO lqa_annotations (segment_id, field, start, end, text, segment_version, category, subcategory, severity, note, created_by, created_at)
      VALUES (@segmentId, @field, @start, @end, @text, @segmentVersion, @category, @subcategory, @severity, @note, @createdBy, @createdAt)`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM lqa_annotations WHERE id = ?`);
    this.updateStmt = db.prepare(`UPDATE lqa_annotations SET category = @category, subcategory = @subcategory, severity = @severity, note = @note,
      version = version + 1, updated_by = @actor, updated_at = @at WHERE id = @id AND version = @version`);
    this.stateStmt = db.prepare(`UPDATE lqa_annotations SET state = ?, version = version + 1, updated_by = ?, updated_at = ? WHERE id = ? AND state <> ?`);
    this.forSegmentsStmt = db.prepare(`SELECT ${COLUMNS} FROM lqa_annotations WHERE segment_id IN (SELECT value FROM json_each(?)) AND state = 'open' ORDER BY segment_id, start, id`);
    this.openInDocumentStmt = db.prepare(`SELECT ${columns('a')} FROM lqa_annotations a JOIN segments s ON s.id = a.segment_id
      WHERE s.document_id = ? AND a.state = 'open' ORDER BY s.idx, a.start, a.id`);
  }

  insert(a: NewAnnotation): LqaAnnotation {
    return this.get(Number(this.insertStmt.run({ ...a, createdAt: now() }).lastInsertRowid))!;
  }

  get(id: number): LqaAnnotation | undefined {
    return this.getStmt.get(id) as LqaAnnotation | undefined;
  }

  /** Changes category, severity or note; false when the annotation is no longer at `version`. */
  update(id: number, version: number, change: AnnotationChange, actor: string): boolean {
    return this.updateStmt.run({ ...change, actor, at: now(), id, version }).changes === 1;
  }

  setState(id: number, state: 'open' | 'removed', actor: string): boolean {
    return this.stateStmt.run(state, actor, now(), id, state).changes === 1;
  }

  forSegments(segmentIds: number[]): Map<number, LqaAnnotation[]> {
    return groupBySegment(this.forSegmentsStmt, segmentIds);
  }

  openInDocument(documentId: number): LqaAnnotation[] {
    return this.openInDocumentStmt.all(documentId) as LqaAnnotation[];
  }
}
