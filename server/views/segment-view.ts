import type { SegmentRow } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import type { StoredFinding } from '../db/findings';
import type { CommentRow, DismissalRow } from '../db/annotations';
import { countWords } from '../text/tokens';
import { highlightHtml } from './highlight';
import { escapeHtml } from './html';
import { sourceTermsHtml } from './source-terms';
import { wordDiffHtml, wordEdits } from './word-diff';
import { hterPercent } from './hter';
import type { MergeResult } from '../text/merge';
import { canUndo } from '../review/versions';
import { applySuggestion } from '../review/review';
import type { RuleInfo } from '../checks/engine';
import { categoryLabel } from './category-label';

/** Whether a row offers "Ask the second reader", and its last failure. */
export interface SecondReaderRowInfo {
  available: boolean;
  notice(segmentId: number): string | undefined;
}

export interface ConflictNotice {
  message: string;
  currentText: string;
  proposalText?: string;
  /** A QA warning before confirming: what is still open, and the status to set anyway. */
  qa?: { segmentId: number; status: string; version: number; warnings: { message: string; text?: string; severity?: string }[]; action: string; text?: string };
}

export interface SegmentView {
  hasSource: boolean;
  sourceLang: string;
  id: number;
  number: number;
  sourceHtml: string;
  documentId: number;
  source: string;
  mtHtml: string;
  textHtml: string;
  changed: boolean;
  diffVsMtHtml: string;
  text: string;
  status: string;
  version: number;
  updatedBy: string | null;
  /** Findings on the MT, shown on demand in the MT column once the text was edited. */
  mtFindings: FindingView[];
  /** The findings of the current text (the MT's while the text is the MT): highlighted, and `f` walks them. */
  textFindings: FindingView[];
  /** Pending proposals, newest first. */
  proposals: ProposalView[];
  /** Decided proposals, newest first: one collapsed line in the row. */
  earlierProposals: ProposalView[];
  pendingCount: number;
  editDistance: string | null;
  notice?: ConflictNotice;
  dismissedCount: number;
  comments: CommentView[];
  commentCount: number;
  askSecondReader: boolean;
  secondReaderNotice?: string;
}

export interface CommentView extends CommentRow {
  replies: CommentView[];
}

/** Comments as threads: replies under their parent, in order. */
function threadComments(rows: CommentRow[]): CommentView[] {
  const byId = new Map<number, CommentView>(rows.map((c) => [c.id, { ...c, replies: [] }]));
  const roots: CommentView[] = [];
  for (const c of byId.values()) {
    const parent = c.parentId !== null ? byId.get(c.parentId) : undefined;
    (parent ? parent.replies : roots).push(c);
  }
  return roots;
}

export interface FindingView {
  dismissed: boolean;
  /** Dismissed by the action just answered: how many other segments still flag the phrase, the reason given. */
  justDismissed: { reason: string | null; elsewhere: number; everywhere?: number } | null;
  id: number;
  domId: string;
  ruleId: string;
  /** What the card calls the rule, and the link to it on the Rules page. */
  rule: RuleLabel;
  /** A finding of the second reader (an LLM), not of a rule. */
  fromSecondReader: boolean;
  category: string;
  /** The category in words ("Awkward style"); `category` is its MQM path. */
  categoryLabel: string;
  severity: string;
  text: string;
  message: string;
  explanation?: string;
  /** `applied`: the current text with this suggestion applied (absent when the phrase is gone). */
  suggestions: { index: number; text: string; replacement: string; applied?: string }[];
  start: number;
  end: number;
}

export interface ProposalView {
  id: number;
  author: string;
  createdAt: string;
  diffHtml: string;
  state: string;
  stale: boolean;
  pending: boolean;
  fromRule: string | null;
  decidedBy: string | null;
  reason: string | null;
  /** Undo is offered only where it can succeed. */
  undoable: boolean;
  /** Stale, and its change merges into the current text: the merged text as a diff against the current one. */
  applyDiffHtml: string | null;
  /** Stale and overlapping the newer change: both texts, to compare. */
  bothTexts: { current: string; proposed: string } | null;
}

export interface DocumentContext {
  hasSource: boolean;
  sourceLang: string;
}

export interface RowData {
  findings: StoredFinding[];
  proposals: ProposalRow[];
  dismissals: DismissalRow[];
  comments: CommentRow[];
  /** Rules switched off for the document. */
  disabledRules: ReadonlySet<string>;
  showDismissed: boolean;
  secondReader?: SecondReaderRowInfo;
  /** A finding dismissed by the request being answered: kept in place as "Dismissed — Undo". */
  justDismissed?: { ruleId: string; text: string; reason: string | null; elsewhere: number; everywhere?: number };
  /** Stale pending proposals merged with the current text, by proposal id. */
  merges?: ReadonlyMap<number, MergeResult>;
  /** The flagger's description of a rule, for the name on a finding's card. */
  describeRule?: DescribeRule;
}

export interface RuleLabel {
  label: string;
  /** The rule id as it goes into the link to the Rules page (`/rules?q=…#rule-…`). */
  linkId: string;
  /** The rule is no longer shipped (its finding stays until the document is checked again): no link. */
  retired: boolean;
}

type DescribeRule = (ruleId: string) => Pick<RuleInfo, 'kind' | 'name' | 'source'> | undefined;

/**
 * A finding's rule as a reviewer reads it: a check by its name ("Quoted coinage"), a phrase rule by
 * the Chinese expression behind the calque (赛道), which says more to a reviewer of Chinese MT
 * than the rule's id. The link to the Rules page finds the rule by its id. A rule the flagger no
 * longer has (an upgrade retired it, and the background re-check has not reached the document yet)
 * is said to be out of use rather than shown by its id. Without `describe`, the id is all there is.
 */
export function ruleLabel(ruleId: string, describe: DescribeRule | undefined): RuleLabel {
  const info = describe?.(ruleId);
  const retired = describe !== undefined && info === undefined;
  const label = retired ? 'Rule no longer in use' : !info ? ruleId : info.kind === 'phrase' ? (info.source ?? ruleId) : info.name;
  return { label, linkId: encodeURIComponent(ruleId), retired };
}

export function segmentView(doc: DocumentContext, segment: SegmentRow, data: RowData, notice?: ConflictNotice): SegmentView {
  const { proposals } = data;
  const dismissed = (f: StoredFinding) => data.dismissals.some((d) => d.ruleId === f.ruleId && d.text === f.text);
  const just = data.justDismissed;
  const visible = data.findings.filter((f) => !data.disabledRules.has(f.ruleId) && (data.showDismissed || !dismissed(f) || isJust(f, just)));
  const changed = segment.text !== segment.mt;
  const mtFindings = visible.filter((f) => f.field === 'mt');
  // While the text is the MT, the MT's findings are the text's: the live ones, drawn on the text;
  // with those the document checks found on the text since (a glossary entry, another segment's edit).
  const sameAs = (a: StoredFinding, b: StoredFinding) => a.ruleId === b.ruleId && a.start === b.start && a.end === b.end;
  const liveFindings = changed ? visible.filter((f) => f.field === 'text')
    : [...mtFindings, ...visible.filter((f) => f.field === 'text' && !mtFindings.some((m) => sameAs(m, f)))].sort((a, b) => a.start - b.start);
  const shownProposals = proposals
    .filter((p) => p.state === 'pending' || p.decidedAt !== null)
    .map((p) => proposalView(p, segment, data.merges?.get(p.id)))
    .sort((a, b) => b.id - a.id);
  const edits = changed ? wordEdits(segment.mt, segment.text) : 0;
  const words = countWords(segment.text);
  return {
    hasSource: doc.hasSource,
    sourceLang: doc.sourceLang,
    id: segment.id,
    number: segment.index + 1,
    sourceHtml: sourceTermsHtml(segment.source),
    documentId: segment.documentId,
    source: segment.source,
    mtHtml: escapeHtml(segment.mt),
    textHtml: highlightHtml(segment.text, liveFindings.filter((f) => !dismissed(f)), 'f'),
    changed,
    diffVsMtHtml: changed ? wordDiffHtml(segment.mt, segment.text) : '',
    text: segment.text,
    status: segment.status,
    version: segment.version,
    updatedBy: segment.updatedBy,
    mtFindings: changed ? mtFindings.map((f) => findingView(f, dismissed(f), segment, 'm', just, data.describeRule)) : [],
    textFindings: liveFindings.map((f) => findingView(f, dismissed(f), segment, 'f', just, data.describeRule)),
    dismissedCount: data.findings.filter((f) => f.field === 'text' && dismissed(f)).length,
    comments: threadComments(data.comments),
    commentCount: data.comments.length,
    proposals: shownProposals.filter((p) => p.pending),
    earlierProposals: shownProposals.filter((p) => !p.pending),
    pendingCount: proposals.filter((p) => p.state === 'pending').length,
    askSecondReader: data.secondReader?.available ?? false,
    secondReaderNotice: data.secondReader?.notice(segment.id),
    editDistance: changed ? `${edits} word edit${edits === 1 ? '' : 's'} (HTER ${words ? hterPercent(edits / words) : '—'})` : null,
    notice,
  };
}

function findingView(f: StoredFinding, dismissed: boolean, segment: SegmentRow, domPrefix: string, just: RowData['justDismissed'], describeRule: RowData['describeRule']): FindingView {
  const justDismissed = dismissed && isJust(f, just) ? just : undefined;
  return {
    dismissed,
    justDismissed: justDismissed ? { reason: justDismissed.reason, elsewhere: justDismissed.elsewhere, everywhere: justDismissed.everywhere } : null,
    id: f.id,
    domId: `${domPrefix}${f.id}`,
    start: f.start,
    end: f.end,
    ruleId: f.ruleId,
    rule: ruleLabel(f.ruleId, describeRule),
    fromSecondReader: f.ruleId === 'llm-review',
    category: f.category,
    categoryLabel: categoryLabel(f.category),
    severity: f.severity,
    text: f.text,
    message: f.message,
    explanation: f.explanation,
    suggestions: f.suggestions.map((text, index) => ({ index, text: text === '' ? `delete “${f.text}”` : text, replacement: text, applied: applySuggestion(segment, f, index) })),
  };
}

function proposalView(p: ProposalRow, segment: SegmentRow, merge: MergeResult | undefined): ProposalView {
  const pending = p.state === 'pending';
  const stale = pending && p.baseVersion !== segment.version;
  const merged = stale && merge?.merged ? merge.text : null;
  return {
    id: p.id,
    author: p.author,
    createdAt: p.createdAt,
    // An accepted proposal became the text, and a rejected one diffed against a text newer than
    // the one it was made on would look like a revert of the newer edit: both are shown as written.
    diffHtml: p.state === 'pending' || (p.state === 'rejected' && p.baseVersion === segment.version) ? wordDiffHtml(segment.text, p.text) : escapeHtml(p.text),
    state: p.state,
    stale,
    pending,
    fromRule: p.ruleId,
    decidedBy: p.decidedBy,
    reason: p.reason,
    undoable: canUndo(p, segment),
    applyDiffHtml: merged !== null ? wordDiffHtml(segment.text, merged) : null,
    bothTexts: stale && merged === null ? { current: segment.text, proposed: p.text } : null,
  };
}

const isJust = (f: StoredFinding, just: RowData['justDismissed']) => just !== undefined && f.ruleId === just.ruleId && f.text === just.text;
