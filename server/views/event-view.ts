import type { EventRow } from '../db/events';

export interface EventView {
  id: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  segmentId: number | null;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** One line of plain English per event, for the history and activity pages. */
export function eventView(e: EventRow): EventView {
  const d = e.details ?? {};
  const p = e.proposalId !== null ? `proposal ${e.proposalId}` : '';
  const summaries: Record<string, string> = {
    'document.imported': `imported the document (${str(d.segments)} segments)`,
    'proposal.created': `proposed an edit (${p}${d.ruleId ? `, from rule ${str(d.ruleId)}` : ''})`,
    'proposal.accepted': `accepted ${p}: version ${str(d.version)}`,
    'proposal.accept-refused': `tried to accept ${p}, refused (${str(d.reason)})`,
    'proposal.rejected': `rejected ${p}${d.reason ? ` — “${str(d.reason)}”` : ''}`,
    'proposal.undone': `undid the decision on ${p} (was ${str(d.was)})`,
    'segment.status': `marked the segment ${str(d.to)}`,
    'proposal.rebased': `applied ${p} to the newer text (version ${str(d.fromVersion)} → ${str(d.toVersion)})`,
    'finding.dismissed': `dismissed ${str(d.ruleId)} on “${str(d.text)}”${d.everywhere ? ` in ${str(d.segments)} segments` : ''}${d.reason ? ` — “${str(d.reason)}”` : ''}`,
    'finding.restored': `restored ${str(d.ruleId)} on “${str(d.text)}”${d.everywhere ? ` in ${str(d.segments)} segments` : ''}`,
    'comment.added': d.parentId ? 'replied to a comment' : 'commented',
    'rule.disabled': `switched off rule ${str(d.ruleId)} for this document`,
    'rule.enabled': `switched rule ${str(d.ruleId)} back on`,
    bulk: `bulk ${str(d.action)}: ${str(d.count)} changed`,
    'bulk.undone': `undid a bulk action: ${str(d.restored)} restored${Array.isArray(d.kept) && d.kept.length ? `, ${d.kept.length} changed since and kept` : ''}`,
  };
  return { id: e.id, at: e.at, actor: e.actor, action: e.action, summary: summaries[e.action] ?? e.action, segmentId: e.segmentId };
}
