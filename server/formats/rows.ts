import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import type { StoredFinding } from '../db/findings';
import type { CommentRow } from '../db/annotations';

/** A segment with what an export needs to know about it. */
export interface ExportRow {
  segment: SegmentRow;
  proposals: ProposalRow[];
  findings: StoredFinding[];
  comments: CommentRow[];
  /** Keys `${ruleId}\u0000${text}` of the findings dismissed on this segment. */
  dismissed: Set<string>;
}

export const dismissalKey = (ruleId: string, text: string) => `${ruleId}\u0000${text}`;

/**
 * The segments of a document in order, with their proposals, findings, comments and dismissals
 * fetched a batch at a time: memory stays bounded whatever the document's size.
 */
export function* exportRows(store: Store, documentId: number, batchSize = 500): Generator<ExportRow> {
  let batch: SegmentRow[] = [];
  const flush = function* (): Generator<ExportRow> {
    const ids = batch.map((s) => s.id);
    const proposals = store.proposals.forSegments(ids);
    const findings = store.findings.forSegments(ids);
    const comments = store.comments.forSegments(ids);
    const dismissals = store.dismissals.forSegments(ids);
    for (const segment of batch) {
      yield {
        segment,
        proposals: proposals.get(segment.id) ?? [],
        findings: findings.get(segment.id) ?? [],
        comments: comments.get(segment.id) ?? [],
        dismissed: new Set((dismissals.get(segment.id) ?? []).map((d) => dismissalKey(d.ruleId, d.text))),
      };
    }
    batch = [];
  };
  for (const segment of store.segments.iterate(documentId)) {
    batch.push(segment);
    if (batch.length >= batchSize) yield* flush();
  }
  if (batch.length) yield* flush();
}

/** Groups consecutive rows into units: by the imported unit id, else by paragraph. */
export function* units(rows: Iterable<ExportRow>): Generator<{ id: string; rows: ExportRow[] }> {
  let current: { id: string; rows: ExportRow[] } | undefined;
  for (const row of rows) {
    const id = row.segment.unitId ?? `p${row.segment.paragraph + 1}`;
    if (current && current.id === id) current.rows.push(row);
    else {
      if (current) yield current;
      current = { id, rows: [row] };
    }
  }
  if (current) yield current;
}
