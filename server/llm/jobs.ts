import type { Db } from '../db/connection';
import { now } from '../db/time';

export type JobState = 'running' | 'cancelled' | 'interrupted' | 'failed' | 'done';

export interface JobRow {
  id: number;
  documentId: number;
  state: JobState;
  total: number;
  /** Segments read so far, in the order of the job's list; a resumed job goes on from here. */
  position: number;
  failed: number;
  errorsFound: number;
  dropped: number;
  lastError: string | null;
  model: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, document_id AS documentId, state, total, position, failed, errors_found AS errorsFound, dropped,
  last_error AS lastError, model, created_by AS createdBy, created_at AS createdAt, updated_at AS updatedAt`;

/** The second reader's document jobs. */
export class JobRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly latestStmt;
  private readonly idsStmt;
  private readonly progressStmt;
  private readonly stateStmt;
  private readonly interruptStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO llm_jobs (document_id, state, segment_ids, total, model, created_by, created_at, updated_at)
      VALUES (?, 'running', ?, ?, ?, ?, ?, ?) RETURNING ${COLUMNS}`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM llm_jobs WHERE id = ?`);
    this.latestStmt = db.prepare(`SELECT ${COLUMNS} FROM llm_jobs WHERE document_id = ? ORDER BY id DESC LIMIT 1`);
    this.idsStmt = db.prepare('SELECT segment_ids FROM llm_jobs WHERE id = ?').pluck();
    this.progressStmt = db.prepare(`UPDATE llm_jobs SET position = position + 1, failed = failed + ?, errors_found = errors_found + ?,
      dropped = dropped + ?, last_error = coalesce(?, last_error), updated_at = ? WHERE id = ?`);
    this.stateStmt = db.prepare(`UPDATE llm_jobs SET state = ?, last_error = coalesce(?, last_error), updated_at = ? WHERE id = ? RETURNING ${COLUMNS}`);
    this.interruptStmt = db.prepare(`UPDATE llm_jobs SET state = 'interrupted', updated_at = ? WHERE state = 'running'`);
  }

  insert(documentId: number, segmentIds: number[], model: string, createdBy: string): JobRow {
    const at = now();
    return this.insertStmt.get(documentId, JSON.stringify(segmentIds), segmentIds.length, model, createdBy, at, at) as JobRow;
  }

  get(id: number): JobRow | undefined {
    return this.getStmt.get(id) as JobRow | undefined;
  }

  latest(documentId: number): JobRow | undefined {
    return this.latestStmt.get(documentId) as JobRow | undefined;
  }

  segmentIds(id: number): number[] {
    return JSON.parse((this.idsStmt.get(id) as string | undefined) ?? '[]') as number[];
  }

  /** One more segment read, with what it gave. */
  advance(id: number, outcome: { failed: boolean; errors: number; dropped: number; error?: string }): void {
    this.progressStmt.run(outcome.failed ? 1 : 0, outcome.errors, outcome.dropped, outcome.error ?? null, now(), id);
  }

  setState(id: number, state: JobState, error?: string): JobRow | undefined {
    return this.stateStmt.get(state, error ?? null, now(), id) as JobRow | undefined;
  }

  /** Jobs that were running when the process stopped: they can be resumed. */
  interruptRunning(): void {
    this.interruptStmt.run(now());
  }
}
