import type { Store } from '../db/store';
import type { ReviewService } from '../review/review';
import { badRequest, conflict, notFound } from '../errors';
import { parseCodes, placeholderProblem } from '../formats/placeholders';
import { applyMatches, findMatches, parseQuery, type Match, type ReplaceQuery } from './matcher';

export interface ReplacePreview {
  query: ReplaceQuery;
  /** Segments with at least one match. */
  segments: Array<{ segmentId: number; number: number; version: number; before: string; after: string; matches: Match[]; skipped: number }>;
  matches: number;
  /** Matches left out because they touch an inline code. */
  skipped: number;
}

const MAX_PREVIEW_SEGMENTS = 2000;

/**
 * Find and replace over the current text of a document: a preview of every match with its
 * before → after, then the ticked ones applied in one transaction, for a reviewer as confirmed
 * edits and for an editor as proposals, recorded as one batch that is undone as one step.
 */
export class ReplaceService {
  constructor(
    private readonly store: Store,
    private readonly review: ReviewService,
    /** Runs the replacement without automatic propagation to repetitions: the replacement reaches them itself. */
    private readonly withoutPropagation: <T>(fn: () => T) => T = (fn) => fn(),
  ) {}

  preview(documentId: number, input: unknown): ReplacePreview {
    if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
    const query = parseQuery(input);
    const segments: ReplacePreview['segments'] = [];
    let matches = 0;
    let skipped = 0;
    for (const s of this.store.segments.iterate(documentId)) {
      const found = findMatches(s.text, query);
      skipped += found.skipped;
      if (found.matches.length === 0) continue;
      const after = applyMatches(s.text, found.matches);
      // A replacement that would still break the segment's codes (it never should) is not offered.
      if (after === s.text || placeholderProblem(s.mt, after, parseCodes(s.codes))) continue;
      matches += found.matches.length;
      segments.push({ segmentId: s.id, number: s.index + 1, version: s.version, before: s.text, after, matches: found.matches, skipped: found.skipped });
      if (segments.length >= MAX_PREVIEW_SEGMENTS) break;
    }
    return { query, segments, matches, skipped };
  }

  /**
   * Applies the replacement to the segments given (each with the version the preview showed, and
   * the numbers of the matches to skip); every other segment is left alone.
   */
  apply(documentId: number, input: unknown, actor: string, canReview: boolean): { batchId: number; segments: number; proposals: number[] } {
    const query = parseQuery(input);
    const chosen = chosenSegments((input as Record<string, unknown>).segments);
    return this.withoutPropagation(() => this.store.transaction(() => this.review.editsTogether(() => {
      if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
      const proposals: number[] = [];
      const numbers: number[] = [];
      for (const pick of chosen) {
        const segment = this.store.segments.get(pick.segmentId);
        if (!segment || segment.documentId !== documentId) throw notFound(`Segment ${pick.segmentId} of document ${documentId}`);
        if (pick.version !== undefined && pick.version !== segment.version) {
          throw conflict('stale-version', `Segment ${segment.index + 1} changed since the preview; preview again.`, { segmentId: segment.id, number: segment.index + 1 });
        }
        const matches = findMatches(segment.text, query).matches.filter((_, i) => !pick.skip.has(i));
        if (matches.length === 0) continue;
        const text = applyMatches(segment.text, matches);
        if (text === segment.text) continue;
        if (canReview) {
          const result = this.review.confirm(segment.id, { text, baseVersion: segment.version, actor, canReview: true });
          if (result.proposal) proposals.push(result.proposal.id);
        } else {
          proposals.push(this.review.propose(segment.id, { text, baseVersion: segment.version, author: actor }).id);
        }
        numbers.push(segment.index + 1);
      }
      if (proposals.length === 0) throw badRequest('no-change', 'Nothing to replace in the segments chosen.');
      const batchId = this.store.batches.insert(documentId, 'replace', proposals, { find: query.find, replace: query.replace, segments: numbers, confirmed: canReview }, actor);
      this.store.events.record({ actor, action: 'replace.applied', documentId, details: { batchId, find: query.find, replace: query.replace, count: proposals.length, segments: numbers, regex: query.regex } });
      return { batchId, segments: proposals.length, proposals };
    })));
  }

  /** Undoes a replacement: each applied edit is undone (while it is still the text) and withdrawn; proposals are withdrawn. */
  undo(batchId: number, actor: string, canReview: boolean): { batchId: number; undone: number } {
    return undoBatch(this.store, this.review, batchId, 'replace', actor, canReview);
  }
}

/** Undoes the proposals of a batch as one step: all of them, or (when one cannot be) none. */
export function undoBatch(store: Store, review: ReviewService, batchId: number, kind: 'replace' | 'repetitions', actor: string, canReview: boolean): { batchId: number; undone: number } {
  return store.transaction(() => review.editsTogether(() => {
    const batch = store.batches.get(batchId);
    if (!batch || batch.kind !== kind) throw notFound(kind === 'replace' ? `Replacement ${batchId}` : `Propagation ${batchId}`);
    if (batch.undoneAt) throw conflict('already-undone', 'This was already undone.');
    if (!canReview && batch.createdBy !== actor) throw conflict('not-yours', 'Only a reviewer can undo edits made by someone else.');
    const why = kind === 'replace' ? 'replacement undone' : 'propagation undone';
    for (const id of batch.proposals) {
      const proposal = review.proposal(id);
      if (proposal.state === 'accepted') review.undo(id, actor);
      if (review.proposal(id).state === 'pending') review.reject(id, actor, why);
    }
    store.batches.markUndone(batchId, actor);
    store.events.record({ actor, action: kind === 'replace' ? 'replace.undone' : 'repetition.undone', documentId: batch.documentId, details: { batchId, count: batch.proposals.length } });
    return { batchId, undone: batch.proposals.length };
  }));
}

function chosenSegments(value: unknown): Array<{ segmentId: number; version?: number; skip: Set<number> }> {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('missing-field', 'Tick at least one segment to replace in ("segments").');
  if (value.length > MAX_PREVIEW_SEGMENTS) throw badRequest('invalid-field', `At most ${MAX_PREVIEW_SEGMENTS} segments at once.`);
  return value.map((v) => {
    const item = typeof v === 'number' ? { segmentId: v } : (v as Record<string, unknown>);
    const segmentId = item?.segmentId;
    if (typeof segmentId !== 'number' || !Number.isSafeInteger(segmentId) || segmentId < 1) throw badRequest('invalid-field', 'Each ticked segment needs its "segmentId".');
    const version = item.version === undefined ? undefined : Number(item.version);
    const skip = Array.isArray(item.skip) ? new Set(item.skip.filter((n): n is number => typeof n === 'number')) : new Set<number>();
    return { segmentId, version, skip };
  });
}
