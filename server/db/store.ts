import type Database from 'better-sqlite3';
import type { Db } from './connection';
import { CommentRepo, DismissalRepo } from './annotations';
import { DocumentRepo } from './documents';
import { EventRepo } from './events';
import { FindingRepo } from './findings';
import { ProposalRepo } from './proposals';
import { SegmentRepo } from './segments';
import { SegmentQuery } from './segment-query';
import { RuleStatsRepo } from './rule-stats';
import { UserRepo } from './users';
import { TermRepo } from './terms';
import { LqaRepo } from './lqa';
import { SettingsRepo } from './settings';
import { AlignmentRepo } from './alignment';
import { StyleRepo } from './styles';
import { CommentMetaRepo } from './comment-meta';
import { EditBatchRepo } from './edit-batches';
import { RepetitionRepo } from './repetitions';

/** The repositories of one database, with their statements prepared once. */
export class Store {
  readonly documents: DocumentRepo;
  readonly segments: SegmentRepo;
  readonly proposals: ProposalRepo;
  readonly findings: FindingRepo;
  readonly events: EventRepo;
  readonly dismissals: DismissalRepo;
  readonly comments: CommentRepo;
  readonly query: SegmentQuery;
  readonly ruleStats: RuleStatsRepo;
  readonly users: UserRepo;
  readonly terms: TermRepo;
  readonly lqa: LqaRepo;
  readonly settings: SettingsRepo;
  readonly alignment: AlignmentRepo;
  readonly styles: StyleRepo;
  readonly commentMeta: CommentMetaRepo;
  readonly batches: EditBatchRepo;
  readonly repetitions: RepetitionRepo;
  // Made once: better-sqlite3 builds four wrapper functions per db.transaction() call.
  private readonly inTransaction: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly dataVersionStmt: Database.Statement;

  constructor(readonly db: Db) {
    this.inTransaction = db.transaction((fn: () => unknown) => fn());
    this.dataVersionStmt = db.prepare('PRAGMA data_version').pluck();
    this.documents = new DocumentRepo(db);
    this.segments = new SegmentRepo(db);
    this.proposals = new ProposalRepo(db);
    this.findings = new FindingRepo(db);
    this.events = new EventRepo(db);
    this.dismissals = new DismissalRepo(db);
    this.comments = new CommentRepo(db);
    this.query = new SegmentQuery(db);
    this.ruleStats = new RuleStatsRepo(db);
    this.users = new UserRepo(db);
    this.terms = new TermRepo(db);
    this.lqa = new LqaRepo(db);
    this.settings = new SettingsRepo(db);
    this.alignment = new AlignmentRepo(db);
    this.styles = new StyleRepo(db);
    this.commentMeta = new CommentMetaRepo(db);
    this.batches = new EditBatchRepo(db);
    this.repetitions = new RepetitionRepo(db);
  }

  /** Runs fn in one transaction (IMMEDIATE, so concurrent writers queue instead of failing). */
  transaction<T>(fn: () => T): T {
    const outermost = !this.db.inTransaction;
    try {
      const result = this.inTransaction.immediate(fn) as T;
      if (outermost) this.findings.texts.commit();
      return result;
    } catch (err) {
      this.findings.texts.rollback();
      throw err;
    } finally {
      this.writes++;
      this.afterWrite?.();
    }
  }

  /** Called after every transaction(): the server has the WAL checkpointed then (see checkpointer.ts). */
  afterWrite: (() => void) | undefined;

  private writes = 0;
  private readonly cache = new Map<string, { stamp: string; value: unknown }>();

  /**
   * Memoises an expensive read (whole-document counts) until the next write. Our own writes bump
   * a counter; other processes' commits change PRAGMA data_version. Either empties the memo.
   */
  cached<T>(key: string, compute: () => T): T {
    const stamp = `${this.writes}:${this.dataVersionStmt.get() as number}`;
    const hit = this.cache.get(key);
    if (hit && hit.stamp === stamp) return hit.value as T;
    const value = compute();
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(key, { stamp, value });
    return value;
  }
}
