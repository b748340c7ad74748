import type { Db } from './connection';
import { SEGMENT_COLUMNS, type SegmentRow } from './segments';

/** Segments of a document with the same source, or the same MT. */
export class RepetitionRepo {
  private readonly sameSourceStmt;
  private readonly sameMtStmt;

  constructor(db: Db) {
    this.sameSourceStmt = db.prepare(`SELECT ${SEGMENT_COLUMNS} FROM segments WHERE document_id = ? AND source = ? AND id <> ? ORDER BY idx`);
    this.sameMtStmt = db.prepare(`SELECT ${SEGMENT_COLUMNS} FROM segments WHERE document_id = ? AND mt = ? AND id <> ? ORDER BY idx`);
  }

  of(segment: Pick<SegmentRow, 'id' | 'documentId' | 'source' | 'mt'>, bySource: boolean): SegmentRow[] {
    return (bySource ? this.sameSourceStmt.all(segment.documentId, segment.source, segment.id) : this.sameMtStmt.all(segment.documentId, segment.mt, segment.id)) as SegmentRow[];
  }
}
