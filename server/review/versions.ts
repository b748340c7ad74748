import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import { mergeWords, type MergeResult } from '../text/merge';

/** The text a segment had at a version: the MT at 1, else as the change to that version logged it. */
export function textAtVersion(store: Store, segment: SegmentRow, version: number): string | undefined {
  if (version === segment.version) return segment.text;
  if (version === 1) return segment.mt;
  let text: string | undefined;
  for (const e of store.events.forSegment(segment.id)) {
    if (e.details?.version === version && typeof e.details.after === 'string') text = e.details.after;
  }
  return text;
}

/**
 * A stale proposal's change merged into the current text (word-level three-way merge against the
 * text it was made on). Refused when the changes overlap, or when the merge would change nothing.
 */
export function mergeWithCurrent(store: Store, proposal: ProposalRow, segment: SegmentRow): MergeResult {
  const base = textAtVersion(store, segment, proposal.baseVersion);
  if (base === undefined) return { merged: false, reason: 'overlap' };
  const result = mergeWords(base, proposal.text, segment.text);
  return result.merged && result.text === segment.text ? { merged: false, reason: 'overlap' } : result;
}

/** Whether undoing a decision can succeed: a rejection always; an acceptance while its text is still the current one. */
export function canUndo(proposal: Pick<ProposalRow, 'state' | 'text' | 'replacedText'>, segment: Pick<SegmentRow, 'text'>): boolean {
  if (proposal.state === 'rejected') return true;
  return proposal.state === 'accepted' && proposal.replacedText !== null && segment.text === proposal.text;
}
