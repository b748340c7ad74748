import type { Flagger } from '../checks/engine';
import type { Finding } from '../checks/types';
import type { Store } from '../db/store';
import type { SegmentToRecheck } from '../db/segments';
import type { FlagWork } from '../work/flag-work';
import type { ReviewService } from './review';

/** Segments flagged and stored together: small enough that a request waits at most a few milliseconds. */
const CHUNK = 200;

export interface RefreshReport {
  documents: number;
  segments: number;
}

/**
 * Findings follow the current rules. A document stores the fingerprint of the rules its findings
 * were worked out with; after an upgrade that added, fixed or retired rules, each document whose
 * fingerprint differs is flagged again in the background, a chunk of segments at a time (in the
 * worker threads when there are any), so that the server answers meanwhile. A segment edited while
 * its document is being refreshed keeps the findings its edit stored; a refresh stopped half-way
 * (the server shutting down) starts that document again at the next start. Dismissals are kept:
 * they are stored by rule and phrase, not by finding.
 */
export class FindingsRefresh {
  private running: Promise<RefreshReport> | undefined;
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly flagger: Flagger,
    private readonly review: ReviewService,
    private readonly work?: FlagWork,
    private readonly chunk = CHUNK,
  ) {}

  /** Refreshes every document flagged with other rules; a second call while one runs joins it. */
  run(): Promise<RefreshReport> {
    this.stopping = false;
    this.running ??= this.refreshAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops after the chunk in hand (for shutdown); resolves when it is stored. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async refreshAll(): Promise<RefreshReport> {
    const fingerprint = this.flagger.fingerprint;
    const report: RefreshReport = { documents: 0, segments: 0 };
    for (const documentId of this.store.documents.checkedOtherwise(fingerprint)) {
      const segments = await this.refreshDocument(documentId, fingerprint);
      if (segments === undefined) break;
      report.documents++;
      report.segments += segments;
    }
    return report;
  }

  /** Returns how many segments were flagged again, or undefined if stopped before the end. */
  private async refreshDocument(documentId: number, fingerprint: string): Promise<number | undefined> {
    const before = this.store.documents.summary(documentId)?.flags ?? 0;
    let done = 0;
    for (let afterId = 0; ; ) {
      if (this.stopping) return undefined;
      const segments = this.store.segments.toRecheck(documentId, afterId, this.chunk);
      if (segments.length === 0) break;
      const found = await Promise.all(segments.map((s) => this.flagSegment(s)));
      this.store.transaction(() => segments.forEach((s, i) => this.review.storeRecheckedFindings(s.id, s.version, found[i])));
      afterId = segments[segments.length - 1].id;
      done += segments.length;
      // Requests that arrived while this chunk was flagged inline are answered before the next one.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A text changed while the document checks ran: they run again on the texts as they are now.
    while (!(await this.review.recheckWholeDocument(documentId))) if (this.stopping) return undefined;
    this.store.transaction(() => {
      if (!this.store.documents.get(documentId)) return;
      this.store.documents.setCheckedWith(documentId, fingerprint);
      const after = this.store.documents.summary(documentId)?.flags ?? 0;
      this.store.events.record({ actor: 'system', action: 'document.rechecked', documentId, details: { segments: done, before, after } });
    });
    return done;
  }

  private async flagSegment(s: SegmentToRecheck): Promise<{ mt: Finding[]; text: Finding[] }> {
    const flag = (text: string) => (this.work ? this.work.flag({ text, source: s.source }) : Promise.resolve(this.flagger.flag({ text, source: s.source })));
    const mt = await flag(s.mt);
    return { mt, text: s.text === s.mt ? mt : await flag(s.text) };
  }
}
