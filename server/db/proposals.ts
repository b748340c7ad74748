import type { Db } from './connection';
import { now } from './time';

export type ProposalState = 'pending' | 'accepted' | 'rejected';

export interface ProposalRow {
  id: number;
  segmentId: number;
  text: string;
  author: string;
  baseVersion: number;
  origin: 'manual' | 'rule';
  ruleId: string | null;
  state: ProposalState;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface NewProposal {
  segmentId: number;
  text: string;
  author: string;
  baseVersion: number;
  origin: 'manual' | 'rule';
  ruleId: string | null;
}

const COLUMNS = `id, segment_id AS segmentId, text, author, base_version AS baseVersion, origin, rule_id AS ruleId,
  state, created_at AS createdAt, decided_by AS decidedBy, decided_at AS decidedAt, reason`;

export class ProposalRepo {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly bySegmentStmt;
  private readonly decideStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(`INSERT INTO proposals (segment_id, text, author, base_version, origin, rule_id, created_at)
      VALUES (@segmentId, @text, @author, @baseVersion, @origin, @ruleId, @createdAt)`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM proposals WHERE id = ?`);
    this.bySegmentStmt = db.prepare(`SELECT ${COLUMNS} FROM proposals WHERE segment_id = ? ORDER BY id`);
    this.decideStmt = db.prepare(`UPDATE proposals SET state = ?, decided_by = ?, decided_at = ?, reason = ?
      WHERE id = ? AND state = 'pending'`);
  }

  insert(p: NewProposal): number {
    return Number(this.insertStmt.run({ ...p, createdAt: now() }).lastInsertRowid);
  }

  get(id: number): ProposalRow | undefined {
    return this.getStmt.get(id) as ProposalRow | undefined;
  }

  forSegment(segmentId: number): ProposalRow[] {
    return this.bySegmentStmt.all(segmentId) as ProposalRow[];
  }

  /** Proposals of many segments in one query, grouped by segment id. */
  forSegments(segmentIds: number[]): Map<number, ProposalRow[]> {
    return groupBySegment(this.db, `SELECT ${COLUMNS} FROM proposals WHERE segment_id IN (SELECT value FROM json_each(?)) ORDER BY id`, segmentIds);
  }

  /** Returns false when the proposal was already decided. */
  decide(id: number, state: 'accepted' | 'rejected', actor: string, reason: string | null): boolean {
    return this.decideStmt.run(state, actor, now(), reason, id).changes === 1;
  }
}

export function groupBySegment<T extends { segmentId: number }>(db: Db, sql: string, segmentIds: number[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  if (segmentIds.length === 0) return grouped;
  for (const row of db.prepare(sql).all(JSON.stringify(segmentIds)) as T[]) {
    let list = grouped.get(row.segmentId);
    if (!list) grouped.set(row.segmentId, (list = []));
    list.push(row);
  }
  return grouped;
}
