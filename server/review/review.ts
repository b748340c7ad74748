import type { Flagger } from '../checks/engine';
import type { Store } from '../db/store';
import type { SegmentRow, SegmentStatus } from '../db/segments';
import type { ProposalRow } from '../db/proposals';
import { AppError, badRequest, conflict, notFound } from '../errors';
import { cleanText } from './import';

export const MAX_SEGMENT_CHARS = 20_000;

/** Edits, decisions and statuses of segments. Every write checks the version it was based on. */
export class ReviewService {
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
    if (typeof input.text !== 'string') throw badRequest('invalid-field', '"text" must be a string.');
    const text = cleanText(input.text).replace(/\s*\n\s*/g, ' ').trim();
    if (text.length > MAX_SEGMENT_CHARS) throw badRequest('text-too-long', `A segment may hold at most ${MAX_SEGMENT_CHARS} characters.`);
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
      const suggestion = finding.suggestions[index];
      if (suggestion === undefined) throw badRequest('invalid-field', `Finding ${findingId} has no suggestion number ${index}.`);
      // Findings on the MT keep their MT offsets; find the phrase again in the current text.
      let start = finding.start;
      if (segment.text.slice(start, finding.end) !== finding.text) {
        start = segment.text.indexOf(finding.text);
        if (start < 0) throw conflict('phrase-gone', `"${finding.text}" is no longer in the current text.`, { current: currentState(segment) });
      }
      const text = segment.text.slice(0, start) + suggestion + segment.text.slice(start + finding.text.length);
      return this.insertProposal(segment, text, input.author, 'rule', finding.ruleId);
    });
  }

  accept(proposalId: number, actor: string): { proposal: ProposalRow; segment: SegmentRow } {
    const outcome = this.store.transaction(() => {
      const proposal = this.proposal(proposalId);
      const segment = this.segment(proposal.segmentId);
      const refused = (reason: string, message: string): { error: AppError } => {
        this.store.events.record({ actor, action: 'proposal.accept-refused', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { reason, segmentVersion: segment.version, baseVersion: proposal.baseVersion } });
        return { error: conflict(reason, message, { current: currentState(segment), proposal: { id: proposal.id, text: proposal.text, baseVersion: proposal.baseVersion } }) };
      };
      if (proposal.state !== 'pending') return refused('already-decided', `Proposal ${proposalId} was already ${proposal.state}.`);
      if (proposal.baseVersion !== segment.version || !this.store.segments.setText(segment.id, segment.version, proposal.text, actor)) {
        return refused('stale-proposal', `Proposal ${proposalId} was made on version ${proposal.baseVersion} of the segment, which is now at version ${segment.version}. Compare both texts and propose again.`);
      }
      this.store.proposals.decide(proposalId, 'accepted', actor, null);
      this.store.findings.replace(segment.id, 'text', this.flagger.flag({ text: proposal.text, source: segment.source }));
      this.store.events.record({ actor, action: 'proposal.accepted', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { version: segment.version + 1, before: segment.text, after: proposal.text } });
      return { proposal: this.proposal(proposalId), segment: this.segment(segment.id) };
    });
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  reject(proposalId: number, actor: string, reason: unknown): ProposalRow {
    if (reason !== undefined && reason !== null && typeof reason !== 'string') throw badRequest('invalid-field', '"reason" must be a string.');
    const why = typeof reason === 'string' && reason.trim() !== '' ? cleanText(reason).trim().slice(0, 2000) : null;
    return this.store.transaction(() => {
      const proposal = this.proposal(proposalId);
      const segment = this.segment(proposal.segmentId);
      if (!this.store.proposals.decide(proposalId, 'rejected', actor, why)) {
        throw conflict('already-decided', `Proposal ${proposalId} was already ${proposal.state}.`);
      }
      this.store.events.record({ actor, action: 'proposal.rejected', documentId: segment.documentId, segmentId: segment.id, proposalId, details: { reason: why } });
      return this.proposal(proposalId);
    });
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

  private requireVersion(segment: SegmentRow, baseVersion: number): void {
    if (segment.version !== baseVersion) {
      throw conflict('stale-version', `Segment ${segment.id} changed since you loaded it (you had version ${baseVersion}, it is now at ${segment.version}).`, { current: currentState(segment) });
    }
  }

  private insertProposal(segment: SegmentRow, text: string, author: string, origin: 'manual' | 'rule', ruleId: string | null): ProposalRow {
    const id = this.store.proposals.insert({ segmentId: segment.id, text, author, baseVersion: segment.version, origin, ruleId });
    this.store.events.record({ actor: author, action: 'proposal.created', documentId: segment.documentId, segmentId: segment.id, proposalId: id, details: { origin, ruleId, baseVersion: segment.version } });
    return this.proposal(id);
  }
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
