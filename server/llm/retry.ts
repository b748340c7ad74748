import { LlmFailure } from './client';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  /** Stops waiting when set (a cancelled job). */
  signal?: AbortSignal;
}

/**
 * Runs `task` until it succeeds, a failure is not transient, or the attempts are spent. Waits
 * double each time (base, 2 × base, 4 × base …), or what the endpoint's Retry-After asks.
 */
export async function withRetry<T>(task: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      if (!(err instanceof LlmFailure) || !err.transient || attempt >= policy.attempts || policy.signal?.aborted) throw err;
      await sleep(err.retryAfterMs ?? policy.baseMs * 2 ** (attempt - 1), policy.signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
