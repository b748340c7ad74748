import type { Db } from './connection';

export interface RuleStats {
  /** Findings the rule raised on machine translations, over all documents. */
  fired: number;
  /** Findings of the rule that reviewers dismissed as false positives. */
  dismissed: number;
}

/** How each rule fares with reviewers, over the whole database. */
export class RuleStatsRepo {
  private readonly firedStmt;
  private readonly dismissedStmt;

  constructor(db: Db) {
    this.firedStmt = db.prepare(`SELECT rule_id AS ruleId, count(*) AS n FROM findings WHERE field = 'mt' GROUP BY rule_id`);
    this.dismissedStmt = db.prepare('SELECT rule_id AS ruleId, count(*) AS n FROM dismissals GROUP BY rule_id');
  }

  all(): Map<string, RuleStats> {
    const stats = new Map<string, RuleStats>();
    const get = (id: string) => stats.get(id) ?? stats.set(id, { fired: 0, dismissed: 0 }).get(id)!;
    for (const r of this.firedStmt.all() as { ruleId: string; n: number }[]) get(r.ruleId).fired = r.n;
    for (const r of this.dismissedStmt.all() as { ruleId: string; n: number }[]) get(r.ruleId).dismissed = r.n;
    return stats;
  }
}
