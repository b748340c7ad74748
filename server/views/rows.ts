import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import { mergeWithCurrent } from '../review/versions';
import type { MergeResult } from '../text/merge';
import { segmentView, type ConflictNotice, type RowData, type DocumentContext, type SecondReaderRowInfo, type SegmentView } from './segment-view';

/** Builds the grid rows of some segments with a fixed number of queries, whatever their count. */
export function buildRows(
  store: Store,
  doc: DocumentContext & { id: number },
  segments: SegmentRow[],
  options: { showDismissed?: boolean; notice?: ConflictNotice; secondReader?: SecondReaderRowInfo; justDismissed?: number; dismissedEverywhere?: number; describeRule?: RowData['describeRule'] } = {},
): SegmentView[] {
  const ids = segments.map((s) => s.id);
  const findings = store.findings.forSegments(ids);
  const proposals = store.proposals.forSegments(ids);
  const dismissals = store.dismissals.forSegments(ids);
  // With their issue type, mentions and resolution (the whole-document tools' comment threads).
  const comments = store.commentMeta.forSegments(ids);
  const disabledRules = store.dismissals.disabledRules(doc.id);
  // Stale proposals are rare: the history their merge needs is read only for their segments.
  const merges = new Map<number, MergeResult>();
  for (const s of segments) {
    for (const p of proposals.get(s.id) ?? []) if (p.state === 'pending' && p.baseVersion !== s.version) merges.set(p.id, mergeWithCurrent(store, p, s));
  }
  return segments.map((s) =>
    segmentView(doc, s, {
      merges,
      findings: findings.get(s.id) ?? [],
      proposals: proposals.get(s.id) ?? [],
      dismissals: dismissals.get(s.id) ?? [],
      comments: comments.get(s.id) ?? [],
      disabledRules,
      showDismissed: options.showDismissed ?? false,
      secondReader: options.secondReader,
      justDismissed: justDismissed(store, segments, options.justDismissed, options.dismissedEverywhere),
      describeRule: options.describeRule,
    }, options.notice),
  );
}

/** The finding just dismissed, if it is in these rows: shown in place as "Dismissed — Undo". */
function justDismissed(store: Store, segments: SegmentRow[], findingId: number | undefined, everywhere?: number): RowData['justDismissed'] {
  if (findingId === undefined) return undefined;
  const finding = store.findings.get(findingId);
  const segment = finding && segments.find((s) => s.id === finding.segmentId);
  if (!finding || !segment) return undefined;
  const reason = store.dismissals.forSegments([segment.id]).get(segment.id)?.find((d) => d.ruleId === finding.ruleId && d.text === finding.text)?.reason ?? null;
  return { ruleId: finding.ruleId, text: finding.text, reason, elsewhere: store.query.phraseSegments(segment.documentId, finding.ruleId, finding.text), everywhere };
}
