import type { Db } from './connection';
import { DocumentRepo } from './documents';
import { EventRepo } from './events';
import { FindingRepo } from './findings';
import { ProposalRepo } from './proposals';
import { SegmentRepo } from './segments';

/** The repositories of one database, with their statements prepared once. */
export class Store {
  readonly documents: DocumentRepo;
  readonly segments: SegmentRepo;
  readonly proposals: ProposalRepo;
  readonly findings: FindingRepo;
  readonly events: EventRepo;

  constructor(readonly db: Db) {
    this.documents = new DocumentRepo(db);
    this.segments = new SegmentRepo(db);
    this.proposals = new ProposalRepo(db);
    this.findings = new FindingRepo(db);
    this.events = new EventRepo(db);
  }

  /** Runs fn in one transaction (IMMEDIATE, so concurrent writers queue instead of failing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
