import { applyFix } from '../checks/fix';
import type { Flagger } from '../checks/engine';
import type { Store } from '../db/store';
import type { SegmentRow, SegmentStatus } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { cleanText } from './import';
import { parseCodes, placeholderProblem } from '../formats/placeholders';
import { countWords } from '../text/tokens';
import { wordEdits } from '../text/word-diff';
import type { Finding } from '../checks/types';

export const MAX_SEGMENT_CHARS = 20_000;
/** Consistency checks re-run with every accepted edit up to this many segments, */
export const DOCUMENT_RECHECK_NOW = 500;
/** shortly after the edit up to this many, and not after edits beyond. */
export const DOCUMENT_RECHECK_LATER = 20_000;
const RECHECK_DELAY_MS = 1_000;

/** Edits, decisions and statuses of segments. Every write checks the version it was based on. */
export class ReviewService {
  private readonly documentSizes = new Map<number, number>();
  private readonly pendingRechecks = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly store: Store,
    private readonly flagger: Flagger,
  ) {}

  segment(id: number): SegmentRow {
    const segment = this.store.segments.get(id);
    if (!segment) throw notFound(`Segment ${id}`);
    return segment;
  }

  proposal(id: number): ProposalRow {
    const proposal = this.store.proposals.get(id);
    if (!proposal) throw notFound(`Proposal ${id}`);
    return proposal;
  }

  propose(segmentId: number, input: { text: unknown; baseVersion: unknown; author: string }): ProposalRow {
    const text = editedText(input.text);
    const baseVersion = parseVersion(input.baseVersion);
    return this.store.transaction(() => {
      const segment = this.segment(segmentId);
      this.requireVersion(segment, baseVersion);
      if (text === segment.text) throw badRequest('no-change', 'The proposed text is the same as the current text.');
      return this.insertProposal(segment, text, input.author, 'manual', null);
    });
  }

  /** Proposes the edit a finding suggests: its flagged phrase replaced by suggestion number `index`. */
  proposeSuggestion(segmentId: number, input: { findingId: unknown; index: unknown; baseVersion: unknown; author: string }): ProposalRow {
    const findingId = parseId(input.findingId, 'findingId');
    const index = Number(input.index ?? 0);
    const baseVersion = parseVersion(input.baseVersion);
    return this.store.transaction(() => {
      const segment = this.segment(segmentId);
      this.requireVersion(segment, baseVersion);
      const finding = this.store.findings.get(findingId);
      if (!finding || finding.segmentId !== segmentId) throw notFound(`Finding ${findingId} of segment ${segmentId}`);
      if (!Number.isInteger(index) || finding.suggestions[index] === undefined) throw badRequest('invalid-field', `Finding ${findingId} has no suggestion number ${String(input.index)}.`);
      const text = applySuggestion(segment, finding, index);
      if (text === undefined) throw conflict('phrase-gone', `"${finding.text}" is no longer in the current text.`, { current: currentState(segment) });
      return this.insertProposal(segment, text, input.author, 'rule', finding.ruleId);
    });
  }

  accept(proposalId: number, actor: string): { proposal: ProposalRow; segment: SegmentRow } {
    const outcome = this.store.transaction(() => this.acceptWithin(proposalId, actor));
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  /** Accepts inside the caller's transaction; a refusal is logged and returned, not thrown, so the log entry stays. */
  private acceptWithin(proposalId: number, actor: string): { proposal: ProposalRow; segment: SegmentRow } | { error: AppError } {
    const proposal = this.proposal(proposalId);
    const segment = this.segment(proposal.segmentId);
    const refused = (reason: string, message: string): { error: AppError } => {
      this.store.events.record({ actor, action: 'proposal.accept-refused', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { reason, segmentVersion: segment.version, baseVersion: proposal.baseVersion } });
      return { error: conflict(reason, message, { current: currentState(segment), proposal: { id: proposal.id, text: proposal.text, baseVersion: proposal.baseVersion } }) };
    };
    if (proposal.state !== 'pending') return refused('already-decided', `Proposal ${proposalId} was already ${proposal.state}.`);
    const changed = proposal.baseVersion === segment.version ? this.changeText(segment, proposal.text, actor) : undefined;
    if (!changed) {
      return refused('stale-proposal', `Proposal ${proposalId} was made on version ${proposal.baseVersion} of the segment, which is now at version ${segment.version}. Compare both texts and propose again.`);
    }
    const accepted = this.decide(proposal, 'accepted', actor, null, segment.text);
    this.store.events.record({ actor, action: 'proposal.accepted', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { version: changed.version, before: segment.text, after: proposal.text, ruleId: proposal.ruleId } });
    return { proposal: accepted, segment: changed };
  }

  /** Writes a new text (guarded by the segment version) and re-flags it; returns the segment as written, or undefined if it had changed. */
  private changeText(segment: SegmentRow, text: string, actor: string, status: SegmentStatus | null = null): SegmentRow | undefined {
    const change = { text, wordCount: countWords(text), editCount: wordEdits(segment.mt, text) };
    const changed = this.store.segments.setText(segment.id, segment.version, change, actor, status);
    if (!changed) return undefined;
    // Findings of rules switched off for the document are stored too (and hidden by the queries),
    // so switching the rule back on shows them without re-flagging.
    this.store.findings.replace(segment.id, 'text', this.flagger.flag({ text, source: segment.source }));
    this.refreshDocumentFindings(segment.documentId);
    return changed;
  }

  private decide(proposal: ProposalRow, state: 'accepted' | 'rejected', actor: string, reason: string | null, replacedText: string | null = null): ProposalRow {
    const decided = this.store.proposals.decide(proposal.id, state, actor, reason, replacedText);
    if (!decided) throw conflict('already-decided', `Proposal ${proposal.id} was already ${proposal.state}.`);
    return decided;
  }

  /**
   * Re-runs the document-level checks after a change of text. A short document is re-checked at
   * once; a longer one shortly after the response (several saves in a row cost one re-check);
   * a very long one keeps the document-level findings computed at import.
   */
  private refreshDocumentFindings(documentId: number): void {
    if (this.deferring > 0) {
      this.deferred.add(documentId);
      return;
    }
    // Only alignment repairs add or remove segments (they call documentResized), so the size is read once.
    let size = this.documentSizes.get(documentId);
    if (size === undefined) this.documentSizes.set(documentId, (size = this.store.segments.count(documentId)));
    if (size <= DOCUMENT_RECHECK_NOW) this.recheckDocument(documentId);
    else if (size <= DOCUMENT_RECHECK_LATER && !this.pendingRechecks.has(documentId)) {
      const timer = setTimeout(() => {
        this.pendingRechecks.delete(documentId);
        try {
          this.store.transaction(() => this.recheckDocument(documentId));
        } catch (err) {
          console.error(`document ${documentId}: consistency re-check failed`, err);
        }
      }, RECHECK_DELAY_MS);
      timer.unref();
      this.pendingRechecks.set(documentId, timer);
    }
  }

  private deferring = 0;
  private readonly deferred = new Set<number>();

  /**
   * Runs many edits (a find-and-replace, a propagation to repetitions) with the document checks
   * re-run once at the end instead of after every edit. Call inside the caller's transaction.
   */
  editsTogether<T>(fn: () => T): T {
    this.deferring++;
    let result: T;
    try {
      result = fn();
    } catch (err) {
      // The caller's transaction rolls back: nothing to re-check.
      if (--this.deferring === 0) this.deferred.clear();
      throw err;
    }
    if (--this.deferring === 0) {
      const documents = [...this.deferred];
      this.deferred.clear();
      for (const documentId of documents) this.refreshDocumentFindings(documentId);
    }
    return result;
  }

  /** An alignment repair added or removed a row: the size is read again. */
  documentResized(documentId: number): void {
    this.documentSizes.delete(documentId);
  }

  /** Re-runs the document-level checks now, with the document's glossary. */
  recheckDocument(documentId: number): void {
    const segments = this.store.segments.texts(documentId);
    const found = this.flagger.flagDocument(segments, { terms: this.store.terms.forDocumentEntries(documentId) });
    this.store.findings.deleteRules(documentId, 'text', this.flagger.documentCheckIds);
    segments.forEach((s, i) => this.store.findings.insertAll(s.id, 'text', found[i]));
  }

  /** Runs the document re-checks that are waiting (for shutdown and tests). */
  flushRechecks(): void {
    for (const [documentId, timer] of this.pendingRechecks) {
      clearTimeout(timer);
      this.pendingRechecks.delete(documentId);
      this.store.transaction(() => this.recheckDocument(documentId));
    }
  }

  /**
   * Undoes a decision. A rejected proposal becomes pending again. An accepted one is undone only
   * while its text is still the segment's current text: the replaced text comes back as a new
   * version and the proposal is pending again, on that version.
   */
  undo(proposalId: number, actor: string): ProposalRow {
    return this.store.transaction(() => {
      const proposal = this.proposal(proposalId);
      const segment = this.segment(proposal.segmentId);
      if (proposal.state === 'pending') throw conflict('not-decided', `Proposal ${proposalId} has not been decided.`);
      if (proposal.state === 'accepted') {
        if (segment.text !== proposal.text || proposal.replacedText === null) {
          throw conflict('undo-too-late', `The segment changed after proposal ${proposalId} was accepted; edit it instead.`, { current: currentState(segment) });
        }
        this.changeText(segment, proposal.replacedText, actor);
        this.store.proposals.reopen(proposalId, 'accepted', segment.version + 1);
      } else {
        this.store.proposals.reopen(proposalId, 'rejected', proposal.baseVersion);
      }
      const restored = proposal.state === 'accepted' ? { version: segment.version + 1, before: segment.text, after: proposal.replacedText } : {};
      this.store.events.record({ actor, action: 'proposal.undone', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { was: proposal.state, ...restored } });
      return this.proposal(proposalId);
    });
  }

  dismiss(findingId: number, actor: string, restore = false): void {
    this.store.transaction(() => {
      const finding = this.store.findings.get(findingId);
      if (!finding) throw notFound(`Finding ${findingId}`);
      const segment = this.segment(finding.segmentId);
      const changed = restore
        ? this.store.dismissals.restore(segment.id, finding.ruleId, finding.text)
        : this.store.dismissals.dismiss(segment.id, finding.ruleId, finding.text, actor);
      if (changed) {
        this.store.events.record({ actor, action: restore ? 'finding.restored' : 'finding.dismissed', documentId: segment.documentId, segmentId: segment.id, details: { ruleId: finding.ruleId, text: finding.text } });
      }
    });
  }

  /** Switches a rule off (or back on) for a whole document. */
  setRuleEnabled(documentId: number, ruleId: string, enabled: boolean, actor: string): void {
    if (!this.flagger.rule(ruleId)) throw notFound(`Rule ${ruleId}`);
    this.store.transaction(() => {
      if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
      const changed = enabled ? this.store.dismissals.enableRule(documentId, ruleId) : this.store.dismissals.disableRule(documentId, ruleId, actor);
      if (changed) this.store.events.record({ actor, action: enabled ? 'rule.enabled' : 'rule.disabled', documentId, details: { ruleId } });
    });
  }

  comment(segmentId: number, input: { body: unknown; parentId: unknown; author: string }) {
    const body = typeof input.body === 'string' ? cleanText(input.body).trim() : '';
    if (body === '') throw badRequest('invalid-field', 'A comment needs some text.');
    if (body.length > 5000) throw badRequest('text-too-long', 'A comment may have at most 5,000 characters.');
    const parentId = input.parentId === undefined || input.parentId === null || input.parentId === '' ? null : parseId(input.parentId, 'parentId');
    return this.store.transaction(() => {
      const segment = this.segment(segmentId);
      if (parentId !== null && this.store.comments.get(parentId)?.segmentId !== segmentId) throw notFound(`Comment ${parentId} on segment ${segmentId}`);
      const comment = this.store.comments.insert(segmentId, parentId, input.author, body);
      this.store.events.record({ actor: input.author, action: 'comment.added', documentId: segment.documentId, segmentId, details: { commentId: comment.id, parentId } });
      return comment;
    });
  }

  /**
   * Plans a bulk action: what it would touch. `execute` runs the same plan in one transaction.
   *   accept-rule    every pending proposal of the rule, and the first suggestion of every open
   *                  finding of the rule that has no pending proposal from it yet
   *   accept-author  every pending, current proposal of one author (one per segment)
   *   reject-stale   every pending proposal made on an older version of its segment
   */
  bulk(documentId: number, input: { action: unknown; ruleId?: unknown; author?: unknown; reason?: unknown }, actor: string, execute: boolean): { action: BulkAction; count: number; description: string } {
    if (input.action !== 'accept-rule' && input.action !== 'accept-author' && input.action !== 'reject-stale') {
      throw badRequest('invalid-field', '"action" must be accept-rule, accept-author or reject-stale.');
    }
    const action: BulkAction = input.action;
    const run = () => {
      if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
      const pending = this.store.proposals.pendingInDocument(documentId);
      const segments = new Map<number, SegmentRow>();
      const segmentOf = (id: number) => segments.get(id) ?? segments.set(id, this.segment(id)).get(id)!;
      let count = 0;
      let description: string;
      if (action === 'reject-stale') {
        const stale = pending.filter((p) => p.baseVersion !== segmentOf(p.segmentId).version);
        count = stale.length;
        description = `Reject ${count} stale proposal${count === 1 ? '' : 's'}`;
        if (execute) for (const p of stale) this.rejectWithin(p, actor, typeof input.reason === 'string' ? input.reason : 'stale');
      } else if (action === 'accept-author') {
        const author = typeof input.author === 'string' ? input.author : '';
        if (!author) throw badRequest('missing-field', '"author" is required for accept-author.');
        const seen = new Set<number>();
        const chosen = pending.filter((p) => p.author === author && p.baseVersion === segmentOf(p.segmentId).version && !seen.has(p.segmentId) && seen.add(p.segmentId));
        count = chosen.length;
        description = `Accept ${count} pending proposal${count === 1 ? '' : 's'} by ${author}`;
        if (execute) for (const p of chosen) this.acceptOrThrow(p.id, actor);
      } else {
        const ruleId = typeof input.ruleId === 'string' ? input.ruleId : '';
        if (!this.flagger.rule(ruleId)) throw badRequest('invalid-field', `Unknown rule "${String(ruleId).slice(0, 60)}".`);
        const proposals = pending.filter((p) => p.ruleId === ruleId && p.baseVersion === segmentOf(p.segmentId).version);
        const covered = new Set(proposals.map((p) => p.segmentId));
        const findings = this.store.query.openFindingsOfRule(documentId, ruleId).filter((f) => f.suggestions.length > 0 && !covered.has(f.segmentId));
        const firstPerSegment = findings.filter((f, i) => findings.findIndex((g) => g.segmentId === f.segmentId) === i);
        count = proposals.length + firstPerSegment.length;
        description = `Accept ${count} suggestion${count === 1 ? '' : 's'} of rule ${ruleId}`;
        if (execute) {
          for (const p of proposals) this.acceptOrThrow(p.id, actor);
          for (const f of firstPerSegment) {
            const segment = this.segment(f.segmentId);
            const text = applySuggestion(segment, f, 0);
            if (text === undefined) continue;
            const proposal = this.insertProposal(segment, text, actor, 'rule', ruleId);
            this.acceptOrThrow(proposal.id, actor);
          }
        }
      }
      if (execute) this.store.events.record({ actor, action: 'bulk', documentId, details: { action, count, ruleId: input.ruleId, author: input.author } });
      return { action, count, description };
    };
    return execute ? this.store.transaction(run) : run();
  }

  private acceptOrThrow(proposalId: number, actor: string): void {
    const outcome = this.acceptWithin(proposalId, actor);
    if ('error' in outcome) throw outcome.error;
  }

  reject(proposalId: number, actor: string, reason: unknown): ProposalRow {
    if (reason !== undefined && reason !== null && typeof reason !== 'string') throw badRequest('invalid-field', '"reason" must be a string.');
    const why = typeof reason === 'string' && reason.trim() !== '' ? cleanText(reason).trim().slice(0, 2000) : null;
    return this.store.transaction(() => this.rejectWithin(this.proposal(proposalId), actor, why));
  }

  private rejectWithin(proposal: ProposalRow, actor: string, why: string | null): ProposalRow {
    const segment = this.segment(proposal.segmentId);
    const rejected = this.decide(proposal, 'rejected', actor, why);
    this.store.events.record({ actor, action: 'proposal.rejected', documentId: segment.documentId, segmentId: segment.id, proposalId: proposal.id, details: { reason: why } });
    return rejected;
  }

  setStatus(segmentId: number, input: { status: unknown; baseVersion: unknown; actor: string }): SegmentRow {
    const status = input.status ?? 'reviewed';
    if (status !== 'reviewed' && status !== 'approved' && status !== 'edited' && status !== 'new') {
      throw badRequest('invalid-field', '"status" must be one of new, edited, reviewed, approved.');
    }
    const baseVersion = parseVersion(input.baseVersion);
    return this.store.transaction(() => {
      const segment = this.segment(segmentId);
      this.requireVersion(segment, baseVersion);
      this.store.segments.setStatus(segmentId, baseVersion, status as SegmentStatus, input.actor);
      this.store.events.record({ actor: input.actor, action: 'segment.status', documentId: segment.documentId, segmentId, details: { from: segment.status, to: status, version: baseVersion } });
      return this.segment(segmentId);
    });
  }

  /**
   * Saves and confirms a segment in one transaction (Ctrl+Enter in the grid). A reviewer's or
   * admin's own edit is applied at once: recorded as their proposal, accepted by them, the text
   * written (one version bump) and the segment marked reviewed. Without a change of text it only
   * marks the segment reviewed. An editor's edit stays a proposal for a reviewer to decide.
   */
  confirm(segmentId: number, input: { text?: unknown; baseVersion: unknown; actor: string; canReview: boolean }): ConfirmResult {
    const edit = input.text === undefined || input.text === null ? undefined : editedText(input.text);
    const baseVersion = parseVersion(input.baseVersion);
    return this.store.transaction(() => {
      const segment = this.segment(segmentId);
      this.requireVersion(segment, baseVersion);
      const changes = edit !== undefined && edit !== segment.text;
      if (!input.canReview) {
        const proposal = changes ? this.insertProposal(segment, edit, input.actor, 'manual', null) : null;
        return { segment, proposal, applied: false, reviewed: false };
      }
      if (!changes) {
        if (segment.status === 'reviewed' || segment.status === 'approved') return { segment, proposal: null, applied: false, reviewed: true };
        this.store.segments.setStatus(segmentId, baseVersion, 'reviewed', input.actor);
        this.store.events.record({ actor: input.actor, action: 'segment.status', documentId: segment.documentId, segmentId, details: { from: segment.status, to: 'reviewed', version: baseVersion } });
        return this.confirmed({ segment: this.segment(segmentId), proposal: null, applied: false, reviewed: true }, input.actor);
      }
      const proposal = this.insertProposal(segment, edit, input.actor, 'manual', null);
      const changed = this.changeText(segment, edit, input.actor, 'reviewed');
      // Unreachable inside the transaction after requireVersion; kept so a broken guard cannot write silently.
      if (!changed) throw conflict('stale-version', 'The segment changed while it was being saved; nothing was saved.');
      const accepted = this.decide(proposal, 'accepted', input.actor, null, segment.text);
      this.store.events.record({ actor: input.actor, action: 'proposal.accepted', documentId: segment.documentId, segmentId, proposalId: proposal.id, details: { version: changed.version, before: segment.text, after: edit, ruleId: null } });
      this.store.events.record({ actor: input.actor, action: 'segment.status', documentId: segment.documentId, segmentId, details: { from: segment.status, to: 'reviewed', version: changed.version } });
      return this.confirmed({ segment: changed, proposal: accepted, applied: true, reviewed: true }, input.actor);
    });
  }

  /** Called inside a confirm's transaction once a reviewer has confirmed a segment: its repetitions follow it. */
  onConfirmed: ((segment: SegmentRow, actor: string) => void) | undefined;

  private confirmed(result: ConfirmResult, actor: string): ConfirmResult {
    this.onConfirmed?.(result.segment, actor);
    return result;
  }

  private requireVersion(segment: SegmentRow, baseVersion: number): void {
    if (segment.version !== baseVersion) {
      throw conflict('stale-version', `Segment ${segment.id} changed since you loaded it (you had version ${baseVersion}, it is now at ${segment.version}).`, { current: currentState(segment) });
    }
  }

  private insertProposal(segment: SegmentRow, text: string, author: string, origin: 'manual' | 'rule', ruleId: string | null): ProposalRow {
    const broken = placeholderProblem(segment.mt, text, parseCodes(segment.codes));
    if (broken) throw badRequest('placeholders-changed', `The edit breaks the segment's protected inline codes: ${broken}`);
    const proposal = this.store.proposals.insert({ segmentId: segment.id, text, author, baseVersion: segment.version, origin, ruleId });
    this.store.events.record({ actor: author, action: 'proposal.created', documentId: segment.documentId, segmentId: segment.id, proposalId: proposal.id, details: { origin, ruleId, baseVersion: segment.version } });
    return proposal;
  }
}

/**
 * The segment text with a finding's phrase replaced by one of its suggestions. Findings on the MT
 * keep their MT offsets, so the phrase is looked up again in the current text; undefined if gone.
 */
export function applySuggestion(segment: SegmentRow, finding: Pick<Finding, 'start' | 'end' | 'text' | 'suggestions'>, index: number): string | undefined {
  const suggestion = finding.suggestions[index];
  if (suggestion === undefined) return undefined;
  let start = finding.start;
  if (segment.text.slice(start, finding.end) !== finding.text) {
    start = segment.text.indexOf(finding.text);
    if (start < 0) return undefined;
  }
  return applyFix(segment.text, start, start + finding.text.length, suggestion);
}

export type BulkAction = 'accept-rule' | 'accept-author' | 'reject-stale';

/** What a confirm did: the segment as it is now, the proposal it recorded (if any). */
export interface ConfirmResult {
  segment: SegmentRow;
  proposal: ProposalRow | null;
  /** The edit became the segment's text. */
  applied: boolean;
  /** The segment is reviewed (or approved) now. */
  reviewed: boolean;
}

/** An edited text as it is stored: one line, cleaned, within the length limit. */
function editedText(value: unknown): string {
  if (typeof value !== 'string') throw badRequest('invalid-field', '"text" must be a string.');
  const text = cleanText(value).replace(/\s*\n\s*/g, ' ').trim();
  if (text.length > MAX_SEGMENT_CHARS) throw badRequest('text-too-long', `A segment may hold at most ${MAX_SEGMENT_CHARS} characters.`);
  return text;
}

function currentState(segment: SegmentRow) {
  return { segmentId: segment.id, text: segment.text, version: segment.version, status: segment.status };
}

function parseVersion(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw badRequest('invalid-field', '"baseVersion" must be the segment version your edit is based on (a positive integer).');
  return n;
}

export function parseId(value: unknown, what = 'id'): number {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) throw badRequest('invalid-id', `"${what}" must be a positive integer.`);
  return n;
}
