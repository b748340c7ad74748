import type { Store } from './store';

interface Queued {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Past this many writes one transaction commits and the rest wait for the next turn of the event loop. */
const MAX_BATCH = 200;

/**
 * Group commit. Writes queued during one turn of the event loop (fifty reviewers confirming at once
 * send their requests together) run one after another inside a single SQLite transaction, each in
 * a savepoint of its own, and commit together. Every write stays atomic: one that throws rolls back
 * its savepoint alone and its caller gets its error, while the others commit. A caller hears of its
 * write only once the shared COMMIT is done, so "saved" still means saved; if the COMMIT itself
 * fails, or SQLite ends the transaction (a full disk), nothing of the batch is saved and every
 * caller gets that error.
 *
 * Because a write that throws is rolled back, a write that must keep a record of its own refusal
 * (ReviewService.accept logs "accept refused" and then throws) cannot go through here as it is:
 * its log would go with the rollback. The confirm throws before it writes anything.
 *
 * A commit writes each page the transaction changed to the WAL, and most of a confirm's pages
 * (the last page of the proposals and events tables, their indexes) are the same for every
 * confirm: fifty commits write them fifty times, a group commit once. Measured on the edit-save
 * benchmark: half the server's CPU per confirm.
 */
export class GroupCommit {
  private queue: Queued[] = [];

  /**
   * `around` wraps each batch inside its transaction: the server passes ReviewService.editsTogether,
   * so that the document-level checks of a short document run once a batch, not once a confirm.
   */
  constructor(
    private readonly store: Store,
    private readonly around: (batch: () => void) => void = (batch) => batch(),
  ) {}

  /** Runs `write` in the next shared transaction; settles once that transaction has committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject }) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) setImmediate(() => this.flush());
    const outcomes: Outcome[] = [];
    try {
      this.store.transaction(() => this.around(() => {
        for (const { write } of batch) {
          try {
            outcomes.push({ ok: true, value: this.store.transaction(write) });
          } catch (error) {
            // SQLite rolled the whole transaction back by itself (disk full, I/O error): the writes
            // before this one are gone too, and the next would start a transaction of its own.
            if (!this.store.db.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      }));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
