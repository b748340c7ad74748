import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import type { SegmentFilter } from '../db/segment-query';
import { applySuggestion, type ReviewService } from '../review/review';
import { AppError, badRequest, conflict, notFound } from '../errors';
import type { SecondReaderRowInfo } from '../views/segment-view';
import type { LlmConfig } from './config';
import { LlmClient, LlmFailure } from './client';
import { LlmCache } from './cache';
import { JobRepo, type JobRow } from './jobs';
import { placeErrors } from './locate';
import type { ParsedReply } from './parse';
import type { ReviewRequest } from './prompt';
import { SecondReaderRepo } from './repo';
import { withRetry } from './retry';
import { LLM_RULE_ID, llmAuthor, llmFinding } from './rule';

/** What one reading of a segment gave. */
export interface ReadOutcome {
  segmentId: number;
  model: string;
  /** The answer came from the cache: nothing was sent. */
  cached: boolean;
  /** Errors placed in the text, each now a finding. */
  errors: number;
  /** Errors left out: their span is not in the text, or they had none. */
  dropped: number;
  /** Pending proposals made from the errors' suggestions. */
  proposals: number;
  /** The segment's text changed while the model was reading: nothing was stored. */
  stale: boolean;
}

/** The state of the second reader for one document, as the page and the API show it. */
export interface DocumentReaderState {
  enabled: boolean;
  optedOut: boolean;
  model: string | null;
  job: JobRow | null;
}

/** Stop a job after this many segments in a row could not reach the endpoint, or were refused by it. */
const UNREACHABLE_STOP = 3;

/**
 * The second reader: asks an LLM endpoint about segments, caches its answers, turns its errors
 * into findings of rule llm-review and its suggestions into pending proposals by llm:<model>.
 * Off (and sending nothing) when no endpoint is configured or the document opted out.
 */
export class SecondReader {
  readonly client: LlmClient | undefined;
  private readonly cache: LlmCache;
  readonly jobs: JobRepo;
  private readonly repo: SecondReaderRepo;
  /** The last failure per segment, shown on its row until the next reading. */
  private readonly notices = new Map<number, string>();
  private readonly running = new Map<number, { controller: AbortController; done: Promise<void> }>();

  constructor(
    private readonly store: Store,
    private readonly review: ReviewService,
    readonly config: LlmConfig | undefined,
  ) {
    this.client = config ? new LlmClient(config) : undefined;
    this.cache = new LlmCache(store.db);
    this.jobs = new JobRepo(store.db);
    this.repo = new SecondReaderRepo(store.db);
    // A job that was running when the process stopped is not running now; it can be resumed.
    // (Without an endpoint no job can run or be shown, and the start writes nothing.)
    if (config) this.jobs.interruptRunning();
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  get model(): string | null {
    return this.client?.model ?? null;
  }

  optedOut(documentId: number): boolean {
    return this.repo.optedOut(documentId);
  }

  /** Whether segments of the document may be sent. */
  available(documentId: number): boolean {
    return this.enabled && !this.optedOut(documentId);
  }

  notice(segmentId: number): string | undefined {
    return this.notices.get(segmentId);
  }

  /** What the rows of a document show of the second reader; `extra` is a message for one row just now. */
  rowInfo(documentId: number, extra?: { segmentId: number; message: string }): SecondReaderRowInfo {
    return {
      available: this.available(documentId),
      notice: (segmentId) => (extra?.segmentId === segmentId ? extra.message : this.notices.get(segmentId)),
    };
  }

  state(documentId: number): DocumentReaderState {
    if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
    return { enabled: this.enabled, optedOut: this.optedOut(documentId), model: this.model, job: this.jobs.latest(documentId) ?? null };
  }

  setOptOut(documentId: number, optOut: boolean, actor: string): void {
    this.store.transaction(() => {
      if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
      if (this.repo.setOptOut(documentId, optOut)) {
        this.store.events.record({ actor, action: optOut ? 'second-reader.opted-out' : 'second-reader.opted-in', documentId });
      }
    });
    if (optOut) for (const [jobId, run] of this.running) if (this.jobs.get(jobId)?.documentId === documentId) this.cancelRun(jobId, run, 'The document was kept away from the second reader.');
  }

  private requireAvailable(documentId: number): LlmClient {
    if (!this.client) throw conflict('second-reader-off', 'The second reader is not set up on this server.');
    if (this.optedOut(documentId)) throw conflict('second-reader-opted-out', 'This document is kept away from the second reader.');
    return this.client;
  }

  /** Reads one segment now (the "Ask the second reader" button). A failure is an AppError (424) with a plain message. */
  async askSegment(segmentId: number, actor: string): Promise<ReadOutcome> {
    const segment = this.review.segment(segmentId);
    const client = this.requireAvailable(segment.documentId);
    try {
      const outcome = await this.read(client, segment, (task) => task());
      this.store.transaction(() => this.store.events.record({ actor, action: 'second-reader.read', documentId: segment.documentId, segmentId, details: { model: client.model, errors: outcome.errors, dropped: outcome.dropped, cached: outcome.cached } }));
      return outcome;
    } catch (err) {
      if (!(err instanceof LlmFailure)) throw err;
      this.notices.set(segmentId, err.message);
      throw new AppError(424, `second-reader-${err.kind}`, err.message);
    }
  }

  /** Asks (or takes from the cache), then stores findings and proposals if the text is still the one read. */
  private async read(client: LlmClient, segment: SegmentRow, attempt: (task: () => Promise<ParsedReply>) => Promise<ParsedReply>): Promise<ReadOutcome> {
    const { text, source } = segment;
    let reply = this.cache.get(client.model, source, text);
    const cached = reply !== undefined;
    if (!reply) {
      reply = await attempt(() => client.review(this.request(segment)));
      this.cache.put(client.model, source, text, reply);
    }
    this.notices.delete(segment.id);
    const outcome: ReadOutcome = { segmentId: segment.id, model: client.model, cached, errors: 0, dropped: 0, proposals: 0, stale: false };
    const found = reply;
    this.store.transaction(() => {
      const current = this.store.segments.get(segment.id);
      if (!current || current.text !== text) {
        outcome.stale = true;
        return;
      }
      const { placed, dropped } = placeErrors(text, found.errors);
      outcome.errors = placed.length;
      outcome.dropped = dropped + found.unusable;
      const findings = placed.map((e) => llmFinding(e, client.model));
      this.store.findings.replaceRule(current.id, 'text', LLM_RULE_ID, findings);
      // While the text is the MT, the grid shows the MT's findings: the second reader's go there too.
      if (current.text === current.mt) this.store.findings.replaceRule(current.id, 'mt', LLM_RULE_ID, findings);
      outcome.proposals = this.propose(current, client.model);
    });
    return outcome;
  }

  /** A pending proposal for each suggestion not proposed by this model before (in any state). */
  private propose(segment: SegmentRow, model: string): number {
    const author = llmAuthor(model);
    const earlier = new Set(this.store.proposals.forSegment(segment.id).filter((p) => p.author === author).map((p) => p.text));
    let made = 0;
    for (const finding of this.store.findings.forSegment(segment.id)) {
      if (finding.field !== 'text' || finding.ruleId !== LLM_RULE_ID || finding.suggestions.length === 0) continue;
      const text = applySuggestion(segment, finding, 0);
      if (text === undefined || text === segment.text || earlier.has(text)) continue;
      try {
        this.review.proposeSuggestion(segment.id, { findingId: finding.id, index: 0, baseVersion: segment.version, author });
        earlier.add(text);
        made++;
      } catch (err) {
        // A suggestion that would break the segment's inline codes stays a finding only.
        if (!(err instanceof AppError)) throw err;
      }
    }
    return made;
  }

  private request(segment: SegmentRow): ReviewRequest {
    const doc = this.store.documents.get(segment.documentId)!;
    return {
      source: doc.hasSource ? segment.source : '',
      text: segment.text,
      sourceLang: doc.sourceLang,
      targetLang: doc.targetLang,
      previous: this.repo.textAt(segment.documentId, segment.index - 1),
      next: this.repo.textAt(segment.documentId, segment.index + 1),
    };
  }

  // ---- Document jobs ------------------------------------------------------------------------

  /** Starts reading the segments of a document that match a filter (all of them by default) in the background. */
  startJob(documentId: number, filter: SegmentFilter, actor: string): JobRow {
    if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
    const client = this.requireAvailable(documentId);
    if (this.jobs.latest(documentId)?.state === 'running') throw conflict('job-running', 'The second reader is already reading this document.');
    const ids = this.store.query.page(documentId, filter, 10_000_000, 0).map((s) => s.id);
    if (ids.length === 0) throw badRequest('nothing-to-read', 'No segment matches these filters.');
    const job = this.store.transaction(() => {
      const row = this.jobs.insert(documentId, ids, client.model, actor);
      this.store.events.record({ actor, action: 'second-reader.job-started', documentId, details: { job: row.id, segments: ids.length, model: client.model } });
      return row;
    });
    this.launch(job.id, client);
    return job;
  }

  job(jobId: number): JobRow {
    const job = this.jobs.get(jobId);
    if (!job) throw notFound(`Second-reader job ${jobId}`);
    return job;
  }

  cancelJob(jobId: number, actor: string): JobRow {
    const job = this.job(jobId);
    if (job.state !== 'running') throw conflict('job-not-running', `The job is ${job.state}, not running.`);
    const run = this.running.get(jobId);
    if (run) this.cancelRun(jobId, run);
    else this.jobs.setState(jobId, 'cancelled');
    this.store.transaction(() => this.store.events.record({ actor, action: 'second-reader.job-cancelled', documentId: job.documentId, details: { job: jobId, position: job.position } }));
    return this.job(jobId);
  }

  private cancelRun(jobId: number, run: { controller: AbortController }, why?: string): void {
    run.controller.abort();
    this.jobs.setState(jobId, 'cancelled', why);
  }

  /** Goes on with a cancelled, failed or interrupted job from the first segment it had not read. */
  resumeJob(jobId: number, actor: string): JobRow {
    const job = this.job(jobId);
    const client = this.requireAvailable(job.documentId);
    if (job.state === 'running' || this.running.has(jobId)) throw conflict('job-running', 'The job is already running.');
    if (job.state === 'done') throw conflict('job-done', 'The job has read every segment already.');
    if (this.jobs.latest(job.documentId)?.id !== jobId) throw conflict('job-superseded', 'A newer job of this document exists; resume that one.');
    this.jobs.setState(jobId, 'running');
    this.store.transaction(() => this.store.events.record({ actor, action: 'second-reader.job-resumed', documentId: job.documentId, details: { job: jobId, position: job.position } }));
    this.launch(jobId, client);
    return this.job(jobId);
  }

  /** Resolves when no job is running (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Cancels every running job without marking them: they resume as interrupted after a restart. */
  stop(): void {
    for (const run of this.running.values()) run.controller.abort();
  }

  private launch(jobId: number, client: LlmClient): void {
    const controller = new AbortController();
    const done = this.runJob(jobId, client, controller.signal)
      .catch((err: unknown) => {
        console.error(`second-reader job ${jobId} stopped`, err);
        try {
          if (this.jobs.get(jobId)?.state === 'running') this.jobs.setState(jobId, 'failed', 'The job stopped on an unexpected error; resume it to go on.');
        } catch {
          // The database may be closing.
        }
      })
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, { controller, done });
  }

  /**
   * Reads the job's segments in order, as many at once as the endpoint may take, each retried
   * with back-off. Progress is stored after every batch, so a cancelled or interrupted job
   * resumes where it stopped.
   */
  private async runJob(jobId: number, client: LlmClient, signal: AbortSignal): Promise<void> {
    const ids = this.jobs.segmentIds(jobId);
    // Segments in a row the endpoint could not be reached for, or refused outright (a wrong key, say).
    let unreachable = 0;
    let lastFailure = '';
    for (;;) {
      const job = this.jobs.get(jobId);
      if (!job || job.state !== 'running' || signal.aborted) return;
      if (job.position >= ids.length) {
        this.jobs.setState(jobId, 'done');
        return;
      }
      const batch = ids.slice(job.position, job.position + client.config.concurrency);
      const results = await Promise.all(batch.map((id) => this.readForJob(client, id, signal)));
      for (const result of results) {
        if (result === 'aborted' || signal.aborted) return;
        if (!this.jobs.get(jobId)) return;
        this.jobs.advance(jobId, result);
        unreachable = result.failed && (result.kind === 'refused' || result.kind === 'rejected') ? unreachable + 1 : 0;
        if (result.error) lastFailure = result.error;
      }
      if (unreachable >= UNREACHABLE_STOP && (this.jobs.get(jobId)?.position ?? 0) < ids.length) {
        this.jobs.setState(jobId, 'failed', `Stopped after ${UNREACHABLE_STOP} segments in a row without an answer (${lastFailure}). Resume the job once the endpoint works.`);
        return;
      }
    }
  }

  private async readForJob(client: LlmClient, segmentId: number, signal: AbortSignal): Promise<{ failed: boolean; errors: number; dropped: number; error?: string; kind?: string } | 'aborted'> {
    const segment = this.store.segments.get(segmentId);
    if (!segment) return { failed: false, errors: 0, dropped: 0 };
    try {
      const outcome = await this.read(client, segment, (task) => withRetry(task, { attempts: client.config.attempts, baseMs: client.config.retryBaseMs, signal }));
      return { failed: false, errors: outcome.errors, dropped: outcome.dropped };
    } catch (err) {
      if (signal.aborted) return 'aborted';
      if (!(err instanceof LlmFailure)) throw err;
      this.notices.set(segmentId, err.message);
      return { failed: true, errors: 0, dropped: 0, error: `Segment ${segment.index + 1}: ${err.message}`, kind: err.kind };
    }
  }
}
