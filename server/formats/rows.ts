import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import type { StoredFinding } from '../db/findings';
import type { CommentRow } from '../db/annotations';
import type { LqaAnnotation } from '../db/lqa';

/** A segment with what an export needs to know about it. */
export interface ExportRow {
  segment: SegmentRow;
  proposals: ProposalRow[];
  findings: StoredFinding[];
  comments: CommentRow[];
  /** The reviewer's open error annotations. */
  annotations: LqaAnnotation[];
  /** Keys `${ruleId}\u0000${text}` of the findings dismissed on this segment. */
  dismissed: ReadonlySet<string>;
}

export const dismissalKey = (ruleId: string, text: string) => `${ruleId}\u0000${text}`;

/** What an export can ask to know about each segment besides the segment itself. */
export type Related = 'proposals' | 'findings' | 'comments' | 'dismissals' | 'annotations';

/**
 * The segments of a document in order, with the related records a format asks for (the others
 * are left empty: each costs one query per batch, findings the most) fetched a batch at a time:
 * memory stays bounded whatever the document's size.
 */
export function* exportRows(store: Store, documentId: number, related: readonly Related[], batchSize = 500): Generator<ExportRow> {
  const wants = new Set(related);
  const none = new Map<number, never[]>();
  let batch: SegmentRow[] = [];
  const flush = function* (): Generator<ExportRow> {
    const ids = batch.map((s) => s.id);
    const proposals = wants.has('proposals') ? store.proposals.forSegments(ids) : none;
    const findings = wants.has('findings') ? store.findings.forSegments(ids) : none;
    const comments = wants.has('comments') ? store.comments.forSegments(ids) : none;
    const dismissals = wants.has('dismissals') ? store.dismissals.forSegments(ids) : none;
    const annotations = wants.has('annotations') ? store.lqa.forSegments(ids) : none;
    for (const segment of batch) {
      const dismissed = dismissals.get(segment.id);
      yield {
        segment,
        proposals: proposals.get(segment.id) ?? [],
        findings: findings.get(segment.id) ?? [],
        comments: comments.get(segment.id) ?? [],
        annotations: annotations.get(segment.id) ?? [],
        dismissed: dismissed ? new Set(dismissed.map((d) => dismissalKey(d.ruleId, d.text))) : NOTHING_DISMISSED,
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

const NOTHING_DISMISSED: ReadonlySet<string> = new Set();

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
