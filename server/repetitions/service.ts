import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import type { ReviewService } from '../review/review';
import { badRequest, notFound } from '../errors';
import { undoBatch } from '../replace/service';
import { placeholderProblem, parseCodes } from '../formats/placeholders';

export interface RepetitionSettings {
  /** Confirming a segment gives its repetitions its text. */
  autoPropagate: boolean;
}

const KEY = 'repetitions';
const DEFAULT: RepetitionSettings = { autoPropagate: true };
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Rows read per turn of the event loop when a memo is built in the background (5–15 ms). */
const WARM_ROWS_PER_TURN = 2_000;

/**
 * Repetitions: segments with the same source (or the same MT, when the document has no source).
 * When one is confirmed the others get its text, automatically (a document setting, on by default)
 * or with one click; each copy is a proposal derived from the first (accepted at once for a
 * reviewer) and the copies of one propagation are undone as one step.
 */
export class RepetitionService {
  private paused = 0;
  /**
   * How often each source (or MT) occurs, per document: a confirm asks it before querying, so a
   * segment without repetitions (most of them) costs no scan. Sources change only at import and by
   * alignment repairs, which call forget().
   */
  private readonly counts = new Map<number, { createdAt: string; ids: Map<string, number[]> }>();
  /** Documents whose memo is being built in the background, with the number of that run. */
  private readonly warming = new Map<number, number>();
  private warmRuns = 0;

  constructor(
    private readonly store: Store,
    private readonly review: ReviewService,
    private readonly options: { warmRowsPerTurn: number } = { warmRowsPerTurn: WARM_ROWS_PER_TURN },
  ) {
    review.onConfirmed = (segment, actor) => {
      if (this.paused === 0) this.propagateWithin(segment, actor, true, true);
    };
  }

  /** Runs fn without automatic propagation (a find-and-replace handles each repetition itself). */
  without<T>(fn: () => T): T {
    this.paused++;
    try {
      return fn();
    } finally {
      this.paused--;
    }
  }

  settings(documentId: number): RepetitionSettings {
    return { ...DEFAULT, ...this.store.settings.get<Partial<RepetitionSettings>>(documentId, KEY) };
  }

  setSettings(documentId: number, input: unknown, actor: string): RepetitionSettings {
    const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    if (typeof body.autoPropagate !== 'boolean') throw badRequest('invalid-field', '"autoPropagate" must be true or false.');
    return this.store.transaction(() => {
      if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
      const settings = { autoPropagate: body.autoPropagate as boolean };
      this.store.settings.set(documentId, KEY, settings);
      this.store.events.record({ actor, action: 'repetitions.settings', documentId, details: settings });
      return settings;
    });
  }

  /**
   * The groups of repetitions of a document, in order of their first segment. The same pass
   * remembers the document's occurrences, so the confirms that follow read nothing more.
   */
  groups(documentId: number): Array<{ key: string; segments: Array<{ segmentId: number; number: number; text: string; status: string }> }> {
    const doc = this.store.documents.get(documentId);
    if (!doc) throw notFound(`Document ${documentId}`);
    const groups = new Map<string, Array<{ segmentId: number; number: number; text: string; status: string }>>();
    for (const s of this.store.segments.iterate(documentId)) {
      const key = keyOf(s, doc.hasSource);
      if (key === '') continue;
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push({ segmentId: s.id, number: s.index + 1, text: s.text, status: s.status });
    }
    this.remember(doc, new Map([...groups].map(([key, list]) => [key, list.map((s) => s.segmentId)])));
    return [...groups].filter(([, list]) => list.length > 1).map(([key, segments]) => ({ key, segments }));
  }

  /** The one-click propagation: the segment's text to its repetitions. */
  propagate(segmentId: number, actor: string, canReview: boolean): { batchId: number | null; segments: number[] } {
    return this.store.transaction(() => {
      const segment = this.store.segments.get(segmentId);
      if (!segment) throw notFound(`Segment ${segmentId}`);
      return this.propagateWithin(segment, actor, canReview);
    });
  }

  undo(batchId: number, actor: string, canReview: boolean) {
    return undoBatch(this.store, this.review, batchId, 'repetitions', actor, canReview);
  }

  forget(documentId: number): void {
    this.counts.delete(documentId);
    this.warming.delete(documentId);
  }

  /**
   * Builds the memo of a document's occurrences in the background, a few thousand rows per turn
   * of the event loop, so that the first confirm on a long document does not wait for a scan of
   * the whole of it (0.3–0.7 s for 100,000 segments), nor does anyone else's request. Called
   * when the document's page is shown. A confirm that comes first builds the memo itself.
   */
  warm(documentId: number): void {
    const doc = this.store.documents.get(documentId);
    if (!doc || this.memoOf(doc) || this.warming.has(documentId)) return;
    const run = ++this.warmRuns;
    this.warming.set(documentId, run);
    const ids = new Map<string, number[]>();
    let fromIndex = 0;
    const step = () => {
      try {
        // Forgotten (an alignment repair), replaced by another document, or built by a confirm meanwhile.
        const current = this.store.documents.get(documentId);
        if (this.warming.get(documentId) !== run || !current || current.createdAt !== doc.createdAt || this.memoOf(current)) {
          if (this.warming.get(documentId) === run) this.warming.delete(documentId);
          return;
        }
        const rows = this.store.repetitions.keysFrom(documentId, doc.hasSource, fromIndex, this.options.warmRowsPerTurn);
        for (const { id, key } of rows) addOccurrence(ids, rawKey(key, doc.hasSource), id);
        if (rows.length < this.options.warmRowsPerTurn) {
          this.warming.delete(documentId);
          this.remember(doc, ids);
          return;
        }
        fromIndex = rows[rows.length - 1].index + 1;
        setImmediate(step);
      } catch {
        // The database closed under it (the server stopping): a confirm builds the memo itself.
        this.warming.delete(documentId);
      }
    };
    setImmediate(step);
  }

  private memoOf(doc: { id: number; createdAt: string }) {
    const memo = this.counts.get(doc.id);
    return memo && memo.createdAt === doc.createdAt ? memo : undefined;
  }

  /**
   * The segments that share the key (in document order), from a memo of the document's counts (by source, or by MT
   * when there is no source), so that a confirm without repetitions reads nothing. Sources and MT
   * change only by alignment repairs, which forget the memo. A deleted document's id can come back
   * with a new import: the memo is kept with the creation time.
   */
  private occurrences(doc: { id: number; createdAt: string; hasSource: boolean }, key: string): number[] {
    let memo = this.memoOf(doc);
    if (!memo) {
      const ids = new Map<string, number[]>();
      for (const { id, key: raw } of this.store.repetitions.keys(doc.id, doc.hasSource)) addOccurrence(ids, rawKey(raw, doc.hasSource), id);
      memo = this.remember(doc, ids);
    }
    return memo.ids.get(key) ?? [];
  }

  private remember(doc: { id: number; createdAt: string }, ids: Map<string, number[]>) {
    if (this.counts.size > 200) this.counts.clear();
    const memo = { createdAt: doc.createdAt, ids };
    this.counts.set(doc.id, memo);
    return memo;
  }

  /** `automatic`: on a confirm, so only if the document's setting says so (read only when there are repetitions). */
  private propagateWithin(from: SegmentRow, actor: string, canReview: boolean, automatic = false): { batchId: number | null; segments: number[] } {
    const doc = this.store.documents.get(from.documentId)!;
    const key = keyOf(from, doc.hasSource);
    if (key === '') return { batchId: null, segments: [] };
    const same = this.occurrences(doc, key);
    if (same.length < 2 || (automatic && !this.settings(doc.id).autoPropagate)) return { batchId: null, segments: [] };
    const targets = same.filter((id) => id !== from.id).map((id) => this.store.segments.get(id)).filter((s): s is SegmentRow => s !== undefined)
      .filter((s) => s.text !== from.text && s.status !== 'reviewed' && s.status !== 'approved'
        && !placeholderProblem(s.mt, from.text, parseCodes(s.codes)));
    if (targets.length === 0) return { batchId: null, segments: [] };
    const proposals: number[] = [];
    this.review.editsTogether(() => {
      for (const target of targets) {
        const proposal = this.review.receiveWithin(target, from.text, actor, canReview);
        proposals.push(proposal.id);
        this.store.events.record({ actor, action: 'repetition.received', documentId: from.documentId, segmentId: target.id, proposalId: proposal.id, details: { fromSegmentId: from.id, fromNumber: from.index + 1 } });
      }
    });
    const numbers = targets.map((t) => t.index + 1);
    const batchId = this.store.batches.insert(from.documentId, 'repetitions', proposals, { from: from.id, segments: numbers }, actor);
    this.store.events.record({ actor, action: 'repetition.propagated', documentId: from.documentId, segmentId: from.id, details: { batchId, fromNumber: from.index + 1, count: targets.length, segments: numbers } });
    return { batchId, segments: numbers };
  }
}

/** The key of a segment from its stored source (or MT, when the document has none). */
function rawKey(raw: string, hasSource: boolean): string {
  return keyOf(hasSource ? { source: raw, mt: '' } : { source: '', mt: raw }, hasSource);
}

function addOccurrence(ids: Map<string, number[]>, key: string, id: number): void {
  if (key === '') return;
  const list = ids.get(key);
  if (list) list.push(id);
  else ids.set(key, [id]);
}

function keyOf(s: Pick<SegmentRow, 'source' | 'mt'>, hasSource: boolean): string {
  return normalise(hasSource && s.source.trim() !== '' ? s.source : hasSource ? '' : s.mt);
}
