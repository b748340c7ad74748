import { applyFix } from '../checks/fix';
import type { Flagger } from '../checks/engine';
import type { Store } from '../db/store';
import type { SegmentRow, SegmentStatus } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { cleanText } from './import';
import { oneLine } from '../validation/schema';
import { parseCodes, placeholderProblem } from '../formats/placeholders';
import { countWords } from '../text/tokens';
import { wordEdits } from '../text/word-diff';
import { rememberLast } from '../text/remember';
import type { MergeResult } from '../text/merge';
import { canUndo, mergeWithCurrent } from './versions';
import type { Finding } from '../checks/types';
import { LLM_RULE_ID } from '../llm/rule';
import type { FlagWork } from '../work/flag-work';

export const MAX_SEGMENT_CHARS = 20_000;
export const MAX_REASON_CHARS = 2_000;
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
    /** Runs the re-check of a long document in a worker thread; without it, on the event loop. */
    private readonly work?: FlagWork,
  ) {}

  // Both pure, and remembered for the last text: a confirm gives its text to each of its
  // repetitions, which share its source and nearly always its MT.
  private readonly flagText = rememberLast((text: string, source: string) => this.flagger.flag({ text, source }));
  private readonly editCount = rememberLast(wordEdits);

  segment(id: number): SegmentRow {
    const segment = this.store.segments.get(id);
    if (!segment) throw notFound('This segment');
    return segment;
  }

  proposal(id: number): ProposalRow {
    const proposal = this.store.proposals.get(id);
    if (!proposal) throw notFound('This proposal');
    return proposal;
  }

  propose(segmentId: number, input: { text: unknown; baseVersion: unknown; author: string }): ProposalRow {
    const text = editedText(input.text);
    const baseVersion = parseVersion(input.baseVersion);
    return this.store.transaction(() => this.insertProposal(this.segmentToChange(segmentId, baseVersion, text), text, input.author, 'manual', null));
  }

  /**
   * A repetition receives a confirmed text, inside the caller's transaction, for a segment the
   * caller has just read there (so neither its version nor its text needs checking again): as a
   * proposal, accepted at once when the actor can review.
   */
  receiveWithin(target: SegmentRow, text: string, actor: string, canReview: boolean): ProposalRow {
    return canReview ? this.applyOwnEdit(target, text, actor, null).proposal : this.insertProposal(target, text, actor, 'manual', null);
  }

  /** The segment an edit of `text` made on `baseVersion` changes; refused when stale or unchanged. */
  private segmentToChange(segmentId: number, baseVersion: number, text: string): SegmentRow {
    const segment = this.segment(segmentId);
    this.requireVersion(segment, baseVersion);
    if (text === segment.text) throw badRequest('no-change', 'The proposed text is the same as the current text.');
    return segment;
  }

  /**
   * A reviewer's own edit, inside the caller's transaction: recorded as a proposal made and
   * accepted at once (the events say so, in that order), the text written and re-flagged.
   */
  private applyOwnEdit(segment: SegmentRow, text: string, actor: string, status: SegmentStatus | null, findings?: Finding[]): { proposal: ProposalRow; segment: SegmentRow } {
    const proposal = this.insertProposal(segment, text, actor, 'manual', null, true);
    const changed = this.changeText(segment, text, actor, status, findings);
    // Unreachable inside the transaction after requireVersion; kept so a broken guard cannot write silently.
    if (!changed) throw conflict('stale-version', 'The segment changed while it was being saved; nothing was saved.');
    this.store.events.record({ actor, action: 'proposal.accepted', documentId: segment.documentId, segmentId: segment.id, proposalId: proposal.id, details: { version: changed.version, before: segment.text, after: text, ruleId: null } });
    return { proposal, segment: changed };
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
      if (!finding || finding.segmentId !== segmentId) throw notFound('This finding of the segment');
      if (!Number.isInteger(index) || finding.suggestions[index] === undefined) throw badRequest('invalid-field', `The finding has no suggestion number ${String(input.index).slice(0, 20)}.`);
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

  mergeWithCurrent(proposal: ProposalRow, segment: SegmentRow): MergeResult {
    return mergeWithCurrent(this.store, proposal, segment);
  }

  /** Applies a stale proposal to the current text: its change merged in, then accepted, in one step. */
  applyToCurrent(proposalId: number, actor: string): { proposal: ProposalRow; segment: SegmentRow } {
    const outcome = this.store.transaction(() => {
      const proposal = this.proposal(proposalId);
      const segment = this.segment(proposal.segmentId);
      if (proposal.state !== 'pending') throw conflict('already-decided', `This proposal was already ${proposal.state}.`);
      if (proposal.baseVersion === segment.version) return this.acceptWithin(proposalId, actor);
      const merge = this.mergeWithCurrent(proposal, segment);
      if (!merge.merged) {
        throw conflict('cannot-merge', 'The words this proposal changes have been changed since it was made, so it cannot be applied to the current text. Compare both texts and propose again.',
          { current: currentState(segment), proposal: { id: proposal.id, text: proposal.text, baseVersion: proposal.baseVersion } });
      }
      const rebased = this.store.proposals.rebase(proposal.id, proposal.baseVersion, segment.version, merge.text);
      if (!rebased) throw conflict('already-decided', 'This proposal changed meanwhile; reload the segment.');
      this.store.events.record({ actor, action: 'proposal.rebased', documentId: segment.documentId, segmentId: segment.id, proposalId,
        details: { fromVersion: proposal.baseVersion, toVersion: segment.version, proposed: proposal.text, merged: merge.text } });
      return this.acceptWithin(proposalId, actor);
    });
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
    if (proposal.state !== 'pending') return refused('already-decided', `This proposal was already ${proposal.state}.`);
    const changed = proposal.baseVersion === segment.version ? this.changeText(segment, proposal.text, actor) : undefined;
    if (!changed) {
      const merge = this.mergeWithCurrent(proposal, segment);
      return refused('stale-proposal', merge.merged
        ? 'This proposal was made on an earlier text of the segment, which has changed since. Its change does not overlap the newer one: apply it to the current text instead.'
        : 'This proposal was made on an earlier text of the segment, and the words it changes have been changed since. Compare both texts and propose again.');
    }
    const accepted = this.decide(proposal, 'accepted', actor, null, segment.text);
    this.store.events.record({ actor, action: 'proposal.accepted', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { version: changed.version, before: segment.text, after: proposal.text, ruleId: proposal.ruleId } });
    return { proposal: accepted, segment: changed };
  }

  /** Writes a new text (guarded by the segment version) and re-flags it; returns the segment as written, or undefined if it had changed. */
  private changeText(segment: SegmentRow, text: string, actor: string, status: SegmentStatus | null = null, findings?: Finding[]): SegmentRow | undefined {
    const change = { text, wordCount: countWords(text), editCount: this.editCount(segment.mt, text) };
    const changed = this.store.segments.setText(segment, change, actor, status);
    if (!changed) return undefined;
    // Findings of rules switched off for the document are stored too (and hidden by the queries),
    // so switching the rule back on shows them without re-flagging. The second reader is not re-run
    // on every edit: its findings stay while their words are still in the text.
    this.store.findings.replace(segment.id, 'text', findings ?? this.flagText(text, segment.source), { ruleId: LLM_RULE_ID, text });
    this.refreshDocumentFindings(segment.documentId);
    return changed;
  }

  private decide(proposal: ProposalRow, state: 'accepted' | 'rejected', actor: string, reason: string | null, replacedText: string | null = null): ProposalRow {
    const decided = this.store.proposals.decide(proposal.id, state, actor, reason, replacedText);
    if (!decided) throw conflict('already-decided', `This proposal was already ${proposal.state}.`);
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
        this.recheckInBackground(documentId).catch((err) => console.error(`document ${documentId}: consistency re-check failed`, err));
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

  /** Rules whose findings a re-check keeps (built once, not per segment). */
  private keptOnRecheck: Set<string> | undefined;

  /**
   * Stores a segment's findings worked out again with changed rules (findings-refresh.ts), if the
   * segment is still at `version`: an edit since stored findings of its own. Kept as they are: the
   * second reader's, and the document checks', which the refresh works out for the whole document
   * once every segment is done.
   */
  storeRecheckedFindings(segmentId: number, version: number, found: { mt: Finding[]; text: Finding[] }): boolean {
    const segment = this.store.segments.get(segmentId);
    if (!segment || segment.version !== version) return false;
    this.keptOnRecheck ??= new Set([...this.flagger.documentCheckIds, LLM_RULE_ID]);
    const keptRules = this.keptOnRecheck;
    const kept: Record<'mt' | 'text', Finding[]> = { mt: [], text: [] };
    for (const { id: _id, segmentId: _s, field, ...f } of this.store.findings.forSegment(segmentId)) {
      if (keptRules.has(f.ruleId)) kept[field].push(f);
    }
    this.store.findings.replace(segmentId, 'mt', [...found.mt, ...kept.mt]);
    this.store.findings.replace(segmentId, 'text', [...found.text, ...kept.text]);
    return true;
  }

  /**
   * The document checks of the MT and of the current text, both at once, as a long document's
   * re-check runs them (in a worker when there is one); stored only if no text changed meanwhile.
   * Returns whether they were stored.
   */
  async recheckWholeDocument(documentId: number): Promise<boolean> {
    const texts = this.store.segments.texts(documentId);
    const mts = this.store.segments.mtTexts(documentId);
    const terms = this.store.terms.forDocumentEntries(documentId);
    const [onText, onMt] = this.work
      ? await Promise.all([this.work.flagDocument(texts, terms), this.work.flagDocument(mts)])
      : [this.flagger.flagDocument(texts, { terms }), this.flagger.flagDocument(mts)];
    return this.store.transaction(() => {
      const current = this.store.segments.texts(documentId);
      if (current.length !== texts.length || current.some((s, i) => s.id !== texts[i].id || s.text !== texts[i].text)) return false;
      for (const [field, found] of [['text', onText], ['mt', onMt]] as const) {
        this.store.findings.deleteRules(documentId, field, this.flagger.documentCheckIds);
        texts.forEach((s, i) => this.store.findings.insertAll(s.id, field, found[i]));
      }
      return true;
    });
  }

  /** Re-runs the document-level checks now, with the document's glossary. */
  recheckDocument(documentId: number): void {
    const segments = this.store.segments.texts(documentId);
    const found = this.flagger.flagDocument(segments, { terms: this.store.terms.forDocumentEntries(documentId) });
    this.store.findings.deleteRules(documentId, 'text', this.flagger.documentCheckIds);
    segments.forEach((s, i) => this.store.findings.insertAll(s.id, 'text', found[i]));
  }

  /**
   * The re-check of a long document (a second or more for 20,000 segments): the checks run in a
   * worker while the server answers others; the findings are stored only if no text changed
   * meanwhile (a change schedules another re-check, which stores its own).
   */
  private async recheckInBackground(documentId: number): Promise<void> {
    const segments = this.store.segments.texts(documentId);
    const terms = this.store.terms.forDocumentEntries(documentId);
    const found = this.work ? await this.work.flagDocument(segments, terms) : this.flagger.flagDocument(segments, { terms });
    this.store.transaction(() => {
      const current = this.store.segments.texts(documentId);
      if (current.length !== segments.length || current.some((s, i) => s.id !== segments[i].id || s.text !== segments[i].text)) return;
      this.store.findings.deleteRules(documentId, 'text', this.flagger.documentCheckIds);
      segments.forEach((s, i) => this.store.findings.insertAll(s.id, 'text', found[i]));
    });
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
      if (proposal.state === 'pending') throw conflict('not-decided', 'This proposal has not been decided, so there is nothing to undo.');
      if (!canUndo(proposal, segment)) {
        throw conflict('undo-too-late', 'The segment changed after this proposal was accepted, so the acceptance can no longer be undone; edit the text instead.', { current: currentState(segment) });
      }
      this.undoWithin(proposal, segment, actor);
      return this.proposal(proposalId);
    });
  }

  private undoWithin(proposal: ProposalRow, segment: SegmentRow, actor: string, extra: Record<string, unknown> = {}): void {
    if (proposal.state === 'accepted') {
      this.changeText(segment, proposal.replacedText!, actor);
      this.store.proposals.reopen(proposal.id, 'accepted', segment.version + 1);
    } else {
      this.store.proposals.reopen(proposal.id, 'rejected', proposal.baseVersion);
    }
    const restored = proposal.state === 'accepted' ? { version: segment.version + 1, before: segment.text, after: proposal.replacedText } : {};
    this.store.events.record({ actor, action: 'proposal.undone', documentId: segment.documentId, segmentId: segment.id, proposalId: proposal.id, details: { was: proposal.state, ...restored, ...extra } });
  }

  /**
   * Dismisses a finding (or restores it) in its segment, or with `everywhere` wherever its rule flags
   * the same phrase in the document. A reason is optional; given again, it replaces the old one.
   * Returns how many segments changed.
   */
  dismiss(findingId: number, actor: string, restore = false, options: { reason?: unknown; everywhere?: boolean } = {}): { segments: number; ruleId: string; text: string } {
    if (options.reason !== undefined && options.reason !== null && typeof options.reason !== 'string') throw badRequest('invalid-field', 'The reason must be text.');
    const reason = typeof options.reason === 'string' && options.reason.trim() !== '' ? cleanText(options.reason).trim().slice(0, 500) : null;
    return this.store.transaction(() => {
      const finding = this.store.findings.get(findingId);
      if (!finding) throw notFound('This finding');
      const segment = this.segment(finding.segmentId);
      const { ruleId, text } = finding;
      let segments: number;
      if (options.everywhere) {
        segments = restore ? this.store.dismissals.restoreInDocument(segment.documentId, ruleId, text) : this.store.dismissals.dismissInDocument(segment.documentId, ruleId, text, actor, reason);
      } else {
        segments = Number(restore ? this.store.dismissals.restore(segment.id, ruleId, text) : this.store.dismissals.dismiss(segment.id, ruleId, text, actor, reason));
      }
      if (segments > 0) {
        const action = restore ? 'finding.restored' : 'finding.dismissed';
        this.store.events.record(options.everywhere
          ? { actor, action, documentId: segment.documentId, details: { ruleId, text, reason, everywhere: true, segments } }
          : { actor, action, documentId: segment.documentId, segmentId: segment.id, details: { ruleId, text, reason } });
      }
      return { segments, ruleId, text };
    });
  }

  /** Switches a rule off (or back on) for a whole document. */
  setRuleEnabled(documentId: number, ruleId: string, enabled: boolean, actor: string): void {
    if (!this.flagger.rule(ruleId)) throw notFound(`The rule “${ruleId.slice(0, 80)}”`);
    this.store.transaction(() => {
      if (!this.store.documents.get(documentId)) throw notFound('This document');
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
      if (parentId !== null && this.store.comments.get(parentId)?.segmentId !== segmentId) throw notFound('The comment you reply to');
      const comment = this.store.comments.insert(segmentId, parentId, input.author, body);
      this.store.events.record({ actor: input.author, action: 'comment.added', documentId: segment.documentId, segmentId, details: { commentId: comment.id, parentId } });
      return comment;
    });
  }

  /**
   * Plans a bulk action: each segment it would change, before → after. `execute` runs the same
   * plan in one transaction and logs it as one event, whose id undoes the whole action (undoBulk).
   *   accept-rule    every pending proposal of the rule, and the first suggestion of every open
   *                  finding of the rule that has no pending proposal from it yet (one per segment)
   *   accept-author  every pending, current proposal of one author (one per segment)
   *   reject-stale   every pending proposal made on an older version of its segment
   */
  bulk(documentId: number, input: { action: unknown; ruleId?: unknown; author?: unknown; reason?: unknown }, actor: string, execute: boolean): BulkPlan {
    if (input.action !== 'accept-rule' && input.action !== 'accept-author' && input.action !== 'reject-stale') {
      throw badRequest('invalid-field', 'Choose a bulk action: accept the suggestions of a rule, accept the proposals of an author, or reject the stale proposals.');
    }
    const action: BulkAction = input.action;
    const run = (): BulkPlan => {
      if (!this.store.documents.get(documentId)) throw notFound('This document');
      const pending = this.store.proposals.pendingInDocument(documentId);
      const segments = new Map<number, SegmentRow>();
      const segmentOf = (id: number) => segments.get(id) ?? segments.set(id, this.segment(id)).get(id)!;
      const changes: BulkChange[] = [];
      const change = (segment: SegmentRow, after: string, kind: BulkChange['kind'], proposalId: number | null) =>
        changes.push({ segmentId: segment.id, number: segment.index + 1, kind, before: segment.text, after, proposalId });
      const oncePerSegment = () => {
        const seen = new Set<number>();
        return (segmentId: number) => !seen.has(segmentId) && Boolean(seen.add(segmentId));
      };
      let description: string;
      if (action === 'reject-stale') {
        for (const p of pending) if (p.baseVersion !== segmentOf(p.segmentId).version) change(segmentOf(p.segmentId), p.text, 'reject', p.id);
        description = `Reject ${changes.length} stale proposal${changes.length === 1 ? '' : 's'}`;
      } else if (action === 'accept-author') {
        const author = typeof input.author === 'string' ? input.author : '';
        if (!author) throw badRequest('missing-field', 'Choose whose proposals to accept.');
        const first = oncePerSegment();
        for (const p of pending) if (p.author === author && p.baseVersion === segmentOf(p.segmentId).version && first(p.segmentId)) change(segmentOf(p.segmentId), p.text, 'accept', p.id);
        description = `Accept ${changes.length} pending proposal${changes.length === 1 ? '' : 's'} by ${author}`;
      } else {
        const ruleId = typeof input.ruleId === 'string' ? input.ruleId : '';
        if (!this.flagger.rule(ruleId)) throw badRequest('invalid-field', `There is no rule “${String(ruleId).slice(0, 60)}”.`);
        const first = oncePerSegment();
        for (const p of pending) if (p.ruleId === ruleId && p.baseVersion === segmentOf(p.segmentId).version && first(p.segmentId)) change(segmentOf(p.segmentId), p.text, 'accept', p.id);
        for (const f of this.store.query.openFindingsOfRule(documentId, ruleId)) {
          if (f.suggestions.length === 0 || !first(f.segmentId)) continue;
          const text = applySuggestion(segmentOf(f.segmentId), f, 0);
          if (text !== undefined && text !== segmentOf(f.segmentId).text) change(segmentOf(f.segmentId), text, 'suggestion', null);
        }
        changes.sort((x, y) => x.number - y.number);
        description = `Accept ${changes.length} suggestion${changes.length === 1 ? '' : 's'} of rule ${ruleId}`;
      }
      const count = changes.length;
      if (!execute) return { action, count, description, changes, bulkId: null };
      const done = { accepted: [] as number[], created: [] as number[], rejected: [] as number[] };
      const why = cleanReason(input.reason) ?? 'stale';
      for (const c of changes) {
        if (c.kind === 'reject') {
          this.rejectWithin(this.proposal(c.proposalId!), actor, why);
          done.rejected.push(c.proposalId!);
        } else {
          const id = c.proposalId ?? this.insertProposal(this.segment(c.segmentId), c.after, actor, 'rule', String(input.ruleId)).id;
          if (c.proposalId === null) done.created.push(id);
          this.acceptOrThrow(id, actor);
          done.accepted.push(id);
        }
      }
      const bulkId = this.store.events.record({ actor, action: 'bulk', documentId, details: { action, count, ruleId: input.ruleId, author: input.author, ...done } });
      return { action, count, description, changes, bulkId };
    };
    return execute ? this.store.transaction(run) : run();
  }

  /**
   * Undoes a bulk action as one step: every segment it changed that has not changed since gets its
   * text back (proposals it created are withdrawn, proposals it accepted or rejected are pending
   * again); segments changed since are left as they are and reported.
   */
  undoBulk(documentId: number, bulkId: number, actor: string): { restored: number; kept: { segmentId: number; number: number }[] } {
    return this.store.transaction(() => {
      const event = this.store.events.get(bulkId);
      if (!event || event.action !== 'bulk' || event.documentId !== documentId) throw notFound('This bulk action');
      if (this.store.events.bulkUndone(documentId, bulkId)) throw conflict('already-undone', 'This bulk action has already been undone.');
      const ids = (key: string) => (Array.isArray(event.details?.[key]) ? (event.details![key] as unknown[]).filter((n): n is number => typeof n === 'number') : []);
      const created = new Set(ids('created'));
      let restored = 0;
      const kept: { segmentId: number; number: number }[] = [];
      for (const id of [...ids('accepted'), ...ids('rejected')]) {
        const proposal = this.store.proposals.get(id);
        if (!proposal) continue;
        const segment = this.segment(proposal.segmentId);
        if (proposal.state === 'pending' || !canUndo(proposal, segment)) {
          kept.push({ segmentId: segment.id, number: segment.index + 1 });
          continue;
        }
        this.undoWithin(proposal, segment, actor, { bulkId });
        if (created.has(id)) this.rejectWithin(this.proposal(id), actor, 'Bulk action undone');
        restored++;
      }
      this.store.events.record({ actor, action: 'bulk.undone', documentId, details: { bulkId, restored, kept: kept.map((k) => k.segmentId) } });
      return { restored, kept };
    });
  }

  private acceptOrThrow(proposalId: number, actor: string): void {
    const outcome = this.acceptWithin(proposalId, actor);
    if ('error' in outcome) throw outcome.error;
  }

  reject(proposalId: number, actor: string, reason: unknown): ProposalRow {
    if (reason !== undefined && reason !== null && typeof reason !== 'string') throw badRequest('invalid-field', '"reason" must be a string.');
    return this.store.transaction(() => this.rejectWithin(this.proposal(proposalId), actor, cleanReason(reason)));
  }

  private rejectWithin(proposal: ProposalRow, actor: string, why: string | null): ProposalRow {
    const segment = this.segment(proposal.segmentId);
    const rejected = this.decide(proposal, 'rejected', actor, why);
    this.store.events.record({ actor, action: 'proposal.rejected', documentId: segment.documentId, segmentId: segment.id, proposalId: proposal.id, details: { reason: why } });
    return rejected;
  }

  /** What should make a reviewer pause before confirming a segment: open major findings, pending proposals. */
  /** `findings`: those of a text about to be saved, instead of the stored ones of the current text. */
  qaWarnings(segment: SegmentRow, findings?: Finding[]): QaWarning[] {
    const warnings: QaWarning[] = [];
    const disabled = this.store.dismissals.disabledRules(segment.documentId);
    const dismissals = this.store.dismissals.forSegments([segment.id]).get(segment.id) ?? [];
    const current = findings ?? this.store.findings.forSegment(segment.id).filter((f) => f.field === 'text');
    const open = current.filter((f) => (f.severity === 'major' || f.severity === 'critical')
      && !disabled.has(f.ruleId) && !dismissals.some((d) => d.ruleId === f.ruleId && d.text === f.text));
    for (const f of open) warnings.push({ kind: 'finding', severity: f.severity, text: f.text, message: f.message });
    const pending = this.store.proposals.forSegment(segment.id).filter((p) => p.state === 'pending').length;
    if (pending > 0) warnings.push({ kind: 'pending-proposal', count: pending, message: pending === 1 ? 'A proposal is still waiting for a decision.' : `${pending} proposals are still waiting for a decision.` });
    return warnings;
  }

  setStatus(segmentId: number, input: { status: unknown; baseVersion: unknown; actor: string; confirm?: unknown }): SegmentRow {
    const status = input.status ?? 'reviewed';
    if (status !== 'reviewed' && status !== 'approved' && status !== 'edited' && status !== 'new') {
      throw badRequest('invalid-field', '"status" must be one of new, edited, reviewed, approved.');
    }
    const baseVersion = parseVersion(input.baseVersion);
    return this.store.transaction(() => {
      const segment = this.segment(segmentId);
      this.requireVersion(segment, baseVersion);
      if ((status === 'reviewed' || status === 'approved') && !isConfirmed(input.confirm)) this.refuseOnQa(segment, status);
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
  confirm(segmentId: number, input: { text?: unknown; baseVersion: unknown; actor: string; canReview: boolean; confirm?: unknown }): ConfirmResult {
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
        if (!isConfirmed(input.confirm)) this.refuseOnQa(segment, 'reviewed');
        this.store.segments.setStatus(segmentId, baseVersion, 'reviewed', input.actor);
        this.store.events.record({ actor: input.actor, action: 'segment.status', documentId: segment.documentId, segmentId, details: { from: segment.status, to: 'reviewed', version: baseVersion } });
        return this.confirmed({ segment: this.segment(segmentId), proposal: null, applied: false, reviewed: true }, input.actor);
      }
      // The QA warning looks at the findings of the new text; they are flagged once, here.
      const findings = this.flagText(edit, segment.source);
      if (!isConfirmed(input.confirm)) this.refuseOnQa(segment, 'reviewed', findings);
      const { proposal: accepted, segment: changed } = this.applyOwnEdit(segment, edit, input.actor, 'reviewed', findings);
      this.store.events.record({ actor: input.actor, action: 'segment.status', documentId: segment.documentId, segmentId, details: { from: segment.status, to: 'reviewed', version: changed.version } });
      return this.confirmed({ segment: changed, proposal: accepted, applied: true, reviewed: true }, input.actor);
    });
  }

  /** Throws the QA warning (409 qa-warning) when confirming the segment deserves a second look. */
  private refuseOnQa(segment: SegmentRow, status: string, findings?: Finding[]): void {
    const warnings = this.qaWarnings(segment, findings);
    if (warnings.length > 0) throw conflict('qa-warning', qaMessage(warnings, status), { warnings, current: currentState(segment) });
  }

  /** Called inside a confirm's transaction once a reviewer has confirmed a segment: its repetitions follow it. */
  onConfirmed: ((segment: SegmentRow, actor: string) => void) | undefined;

  private confirmed(result: ConfirmResult, actor: string): ConfirmResult {
    this.onConfirmed?.(result.segment, actor);
    return result;
  }

  private requireVersion(segment: SegmentRow, baseVersion: number): void {
    if (segment.version !== baseVersion) {
      throw conflict('stale-version', `This segment changed since you loaded it (someone saved a newer text). Your change was not saved; look at the current text and try again.`, { current: currentState(segment), yourVersion: baseVersion });
    }
  }

  /** `accepted`: the author accepts it at once, replacing the segment's current text. */
  private insertProposal(segment: SegmentRow, text: string, author: string, origin: 'manual' | 'rule', ruleId: string | null, accepted = false): ProposalRow {
    const broken = placeholderProblem(segment.mt, text, parseCodes(segment.codes));
    if (broken) throw badRequest('placeholders-changed', `The edit breaks the segment's protected inline codes: ${broken}`);
    const fields = { segmentId: segment.id, text, author, baseVersion: segment.version, origin, ruleId };
    const proposal = accepted ? this.store.proposals.insertAccepted(fields, segment.text) : this.store.proposals.insert(fields);
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

export type QaWarning =
  | { kind: 'finding'; severity: string; text: string; message: string }
  | { kind: 'pending-proposal'; count: number; message: string };

const isConfirmed = (flag: unknown) => flag === true || flag === '1' || flag === 'true';

function qaMessage(warnings: QaWarning[], status: string): string {
  const findings = warnings.filter((w) => w.kind === 'finding').length;
  const pending = warnings.find((w) => w.kind === 'pending-proposal');
  const parts = [
    findings ? `${findings === 1 ? 'a major finding is' : `${findings} major findings are`} still open` : '',
    pending && pending.kind === 'pending-proposal' ? `${pending.count === 1 ? 'a proposal is' : `${pending.count} proposals are`} still pending` : '',
  ].filter(Boolean);
  return `Check before you confirm: ${parts.join(' and ')}. Mark it ${status} anyway?`;
}

export type BulkAction = 'accept-rule' | 'accept-author' | 'reject-stale';

/** A reason as stored: control characters dropped, on one line, at most 2,000 characters; null if blank. */
function cleanReason(reason: unknown): string | null {
  if (typeof reason !== 'string') return null;
  const why = oneLine(cleanText(reason)).slice(0, MAX_REASON_CHARS);
  return why === '' ? null : why;
}

/** One segment a bulk action changes: its text before and after (for a rejection, the text rejected). */
export interface BulkChange {
  segmentId: number;
  number: number;
  kind: 'accept' | 'suggestion' | 'reject';
  before: string;
  after: string;
  proposalId: number | null;
}

export interface BulkPlan {
  action: BulkAction;
  count: number;
  description: string;
  changes: BulkChange[];
  /** Set once the action has run: what undoes it as one step. */
  bulkId: number | null;
}

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
  // oneLine, not a /\s*\n\s*/ replace: that backtracks on long runs of spaces.
  const text = oneLine(cleanText(value));
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

