import type { EventRow } from '../db/events';

export interface EventView {
  id: number;
  at: string;
  actor: string;
  action: string;
  summary: string;
  segmentId: number | null;
  /** The segment's number now (or, for a row merged away since, as the event recorded it). */
  segmentNumber: number | null;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** One line of plain English per event, for the history and activity pages. */
export function eventView(e: EventRow, numbers?: ReadonlyMap<number, number>): EventView {
  const d = e.details ?? {};
  const p = e.proposalId !== null ? `proposal ${e.proposalId}` : '';
  const summaries: Record<string, string> = {
    'document.imported': `imported the document (${str(d.segments)} segments)`,
    'document.rechecked': `checked the document again with updated rules: ${str(d.before)} → ${str(d.after)} open findings`,
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
    ...wholeDocumentSummaries(d),
  };
  const recorded = typeof d.segment === 'number' ? d.segment : null;
  const segmentNumber = e.segmentId !== null ? numbers?.get(e.segmentId) ?? recorded : null;
  return { id: e.id, at: e.at, actor: e.actor, action: e.action, summary: summaries[e.action] ?? e.action, segmentId: e.segmentId, segmentNumber };
}

/** The lines of the whole-document tools: glossary, error annotations, alignment repairs, replacements. */
function wholeDocumentSummaries(d: Record<string, unknown>): Record<string, string> {
  const kind = [d.category, d.subcategory].filter(Boolean).join('/');
  return {
    'term.added': `added “${str(d.sourceTerm)}” → “${str(d.targetTerm)}” to the glossary`,
    'term.deleted': `deleted “${str(d.sourceTerm)}” → “${str(d.targetTerm)}” from the glossary`,
    'term.restored': `restored “${str(d.sourceTerm)}” → “${str(d.targetTerm)}” to the glossary`,
    'term.imported': `imported ${str(d.count)} glossary entries (${str(d.format).toUpperCase()})`,
    'term.import-undone': `undid the import of ${str(d.count)} glossary entries`,
    'termbase.shared': 'started using another document’s glossary',
    'termbase.unshared': 'stopped using another document’s glossary',
    'annotation.added': `marked a ${str(d.severity)} ${kind} error${d.text ? ` on “${str(d.text)}”` : ' (omission)'}`,
    'annotation.changed': 'changed an error annotation',
    'annotation.removed': `removed a ${str(d.severity)} ${kind} error annotation`,
    'annotation.restored': `restored a ${str(d.severity)} ${kind} error annotation`,
    'mqm.settings': 'changed the MQM weights or threshold',
    'alignment.merged': 'merged the segment with the next one',
    'alignment.split': 'split the segment in two',
    'alignment.moved': `moved a ${d.side === 'mt' ? 'machine translation' : 'source'} sentence ${str(d.direction)}`,
    'alignment.undone': `undid an alignment repair (${str(d.kind)})`,
    'comment.resolved': 'resolved a comment',
    'comment.reopened': 'reopened a comment',
    'replace.applied': `replaced “${str(d.find)}” with “${str(d.replace)}” in ${str(d.count)} segments`,
    'replace.undone': `undid a replacement in ${str(d.count)} segments`,
    'repetition.propagated': `copied the text of segment ${str(d.fromNumber)} to ${str(d.count)} repetitions`,
    'repetition.undone': `undid copying a text to ${str(d.count)} repetitions`,
    'repetition.received': `got the text of its repetition, segment ${str(d.fromNumber)}`,
    'repetitions.settings': d.autoPropagate ? 'switched on copying confirmed texts to repetitions' : 'switched off copying confirmed texts to repetitions',
  };
}
