import type { SegmentRow } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import type { StoredFinding } from '../db/findings';
import { countWords } from '../text/tokens';
import { highlightHtml } from './highlight';
import { escapeHtml } from './html';
import { wordDiffHtml, wordEdits } from './word-diff';

export interface ConflictNotice {
  message: string;
  currentText: string;
  proposalText?: string;
}

export interface SegmentView {
  hasSource: boolean;
  sourceLang: string;
  id: number;
  number: number;
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
  mtFindings: FindingView[];
  textFindings: FindingView[];
  proposals: ProposalView[];
  pendingCount: number;
  editDistance: string | null;
  notice?: ConflictNotice;
}

export interface FindingView {
  id: number;
  domId: string;
  ruleId: string;
  category: string;
  severity: string;
  text: string;
  message: string;
  explanation?: string;
  suggestions: { index: number; text: string }[];
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
}

export interface DocumentContext {
  hasSource: boolean;
  sourceLang: string;
}

export function segmentView(
  doc: DocumentContext,
  segment: SegmentRow,
  findings: StoredFinding[],
  proposals: ProposalRow[],
  notice?: ConflictNotice,
): SegmentView {
  const mtFindings = findings.filter((f) => f.field === 'mt');
  const textFindings = findings.filter((f) => f.field === 'text');
  const changed = segment.text !== segment.mt;
  const edits = changed ? wordEdits(segment.mt, segment.text) : 0;
  const words = countWords(segment.text);
  return {
    hasSource: doc.hasSource,
    sourceLang: doc.sourceLang,
    id: segment.id,
    number: segment.index + 1,
    documentId: segment.documentId,
    source: segment.source,
    mtHtml: highlightHtml(segment.mt, mtFindings, 'f'),
    // While the text is the MT, its findings are the MT's: show them once, on the MT.
    textHtml: highlightHtml(segment.text, changed ? textFindings : [], 'f'),
    changed,
    diffVsMtHtml: changed ? wordDiffHtml(segment.mt, segment.text) : '',
    text: segment.text,
    status: segment.status,
    version: segment.version,
    updatedBy: segment.updatedBy,
    mtFindings: mtFindings.map(findingView),
    textFindings: changed ? textFindings.map(findingView) : [],
    proposals: proposals
      .filter((p) => p.state === 'pending' || p.decidedAt !== null)
      .map((p) => proposalView(p, segment))
      .sort((a, b) => Number(b.pending) - Number(a.pending) || b.id - a.id),
    pendingCount: proposals.filter((p) => p.state === 'pending').length,
    editDistance: changed ? `${edits} word edit${edits === 1 ? '' : 's'} (HTER ${words ? (edits / words).toFixed(2) : '—'})` : null,
    notice,
  };
}

function findingView(f: StoredFinding): FindingView {
  return {
    id: f.id,
    domId: `f${f.id}`,
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    text: f.text,
    message: f.message,
    explanation: f.explanation,
    suggestions: f.suggestions.map((text, index) => ({ index, text })),
  };
}

function proposalView(p: ProposalRow, segment: SegmentRow): ProposalView {
  const pending = p.state === 'pending';
  return {
    id: p.id,
    author: p.author,
    createdAt: p.createdAt,
    // Pending and rejected proposals are shown as a diff against the current text; an accepted one
    // became (or once was) the current text, so it is shown as it is.
    diffHtml: p.state === 'accepted' ? escapeHtml(p.text) : wordDiffHtml(segment.text, p.text),
    state: p.state,
    stale: pending && p.baseVersion !== segment.version,
    pending,
    fromRule: p.ruleId,
    decidedBy: p.decidedBy,
    reason: p.reason,
  };
}
