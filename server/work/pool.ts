import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { KnowledgeDirs } from '../checks/engine';
import { AppError } from '../errors';
import { PROJECT_ROOT } from '../paths';
import type { Task } from './tasks';

interface Job {
  id: number;
  task: Task;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  /** The worker has loaded its flagger. */
  ready: boolean;
}

/** Workers cannot start here (a worker died before it was ready): the caller runs the work itself. */
export class WorkersUnavailable extends Error {}

/** A worker's heap limit: a task that needs more fails alone (413) instead of taking the server down. */
const WORKER_HEAP_MB = 2048;

/**
 * How to start worker.ts: the compiled worker.js next to this file, or the TypeScript source
 * through the swc hook the tests use. Undefined when neither can run (then work runs inline).
 */
function workerSource(): { code: string; eval: boolean } | undefined {
  const js = path.join(__dirname, 'worker.js');
  if (fs.existsSync(js)) return { code: js, eval: false };
  const ts = path.join(__dirname, 'worker.ts');
  const hook = path.join(PROJECT_ROOT, 'tests', 'helpers', 'swc-register.js');
  if (fs.existsSync(ts) && fs.existsSync(hook)) return { code: `require(${JSON.stringify(hook)}); require(${JSON.stringify(ts)});`, eval: true };
  return undefined;
}

/**
 * A small pool of worker threads running tasks.ts, so that parsing and flagging a big import or
 * text never holds up the event loop. Workers start on first use, one task each at a time; a
 * worker that dies (out of memory, a bug) fails only its task and is replaced on the next one.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private unavailable: Error | undefined;

  private constructor(private readonly source: { code: string; eval: boolean }, private readonly size: number, private readonly dirs: KnowledgeDirs) {}

  /** A pool of `size` workers with the flagger of `dirs`, or undefined when workers cannot start here. */
  static create(size: number, dirs: KnowledgeDirs): WorkerPool | undefined {
    const source = workerSource();
    return size > 0 && source ? new WorkerPool(source, size, dirs) : undefined;
  }

  run(task: Task): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.unavailable) return Promise.reject(this.unavailable);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the workers now, so that the first big import does not wait for them to load. */
  warm(): void {
    // From TypeScript sources (tests) a worker compiles the knowledge from YAML, seconds of CPU:
    // only a task that needs it pays for that.
    if (this.source.eval) return;
    while (!this.closed && this.slots.length < this.size) this.spawn();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.source.code, {
      eval: this.source.eval,
      workerData: { dirs: this.dirs },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const slot: Slot = { worker, job: undefined, ready: false };
    this.slots.push(slot);
    worker.unref();
    worker.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; value?: unknown; error?: WorkerError }) => {
      if (message.ready) slot.ready = true;
      const job = slot.job;
      if (!job || message.id !== job.id) return;
      slot.job = undefined;
      worker.unref();
      if (message.ok) job.resolve(message.value);
      else job.reject(rebuild(message.error!));
      this.dispatch();
    });
    const fail = (err: unknown) => {
      const index = this.slots.indexOf(slot);
      if (index < 0) return;
      this.slots.splice(index, 1);
      const job = slot.job;
      slot.job = undefined;
      if (!slot.ready && !this.closed) {
        // It never got going: it will not on the next try either. Every waiting job goes back.
        console.error(`calque: worker threads are unavailable, working on the event loop instead (${err instanceof Error ? err.message : String(err)})`);
        this.unavailable = new WorkersUnavailable(err instanceof Error ? err.message : String(err));
        for (const waiting of [...(job ? [job] : []), ...this.queue.splice(0)]) waiting.reject(this.unavailable);
        return;
      }
      if (job) job.reject(workerFailure(err));
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the worker stopped (exit code ${code})`)));
    return slot;
  }
}

interface WorkerError {
  app: boolean;
  status?: number;
  reason?: string;
  message: string;
  details?: unknown;
  stack?: string;
}

function rebuild(error: WorkerError): Error {
  if (error.app) return new AppError(error.status!, error.reason!, error.message, error.details);
  const err = new Error(error.message);
  if (error.stack) err.stack = error.stack;
  return err;
}

function workerFailure(err: unknown): Error {
  if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AppError(413, 'too-large-to-check', 'The text is too large to check: checking it needed more memory than the server allows. Split it and try again.');
  }
  return err instanceof Error ? err : new Error(String(err));
}
