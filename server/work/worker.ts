import { parentPort, workerData } from 'node:worker_threads';
import { defaultFlagger, type KnowledgeDirs } from '../checks/engine';
import { AppError } from '../errors';
import { runTask, type Task } from './tasks';

/** A worker thread of the pool: the same flagger as the server's, built from the same knowledge. */
const flagger = defaultFlagger((workerData as { dirs: KnowledgeDirs }).dirs).prepare();

parentPort!.on('message', async ({ id, task }: { id: number; task: Task }) => {
  try {
    parentPort!.postMessage({ id, ok: true, value: await runTask(flagger, task) });
  } catch (err) {
    const error = err instanceof AppError
      ? { app: true, status: err.status, reason: err.reason, message: err.message, details: err.details }
      : { app: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
    parentPort!.postMessage({ id, ok: false, error });
  }
});
parentPort!.postMessage({ ready: true });
