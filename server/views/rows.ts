import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import { segmentView, type ConflictNotice, type DocumentContext, type SegmentView } from './segment-view';

/** Builds the grid rows of some segments with a fixed number of queries, whatever their count. */
export function buildRows(
  store: Store,
  doc: DocumentContext & { id: number },
  segments: SegmentRow[],
  options: { showDismissed?: boolean; notice?: ConflictNotice } = {},
): SegmentView[] {
  const ids = segments.map((s) => s.id);
  const findings = store.findings.forSegments(ids);
  const proposals = store.proposals.forSegments(ids);
  const dismissals = store.dismissals.forSegments(ids);
  // With their issue type, mentions and resolution (the whole-document tools' comment threads).
  const comments = store.commentMeta.forSegments(ids);
  const disabledRules = store.dismissals.disabledRules(doc.id);
  return segments.map((s) =>
    segmentView(doc, s, {
      findings: findings.get(s.id) ?? [],
      proposals: proposals.get(s.id) ?? [],
      dismissals: dismissals.get(s.id) ?? [],
      comments: comments.get(s.id) ?? [],
      disabledRules,
      showDismissed: options.showDismissed ?? false,
    }, options.notice),
  );
}
