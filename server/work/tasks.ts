import type { Flagger, SegmentToFlag } from '../checks/engine';
import type { GlossaryTerm } from '../checks/types';
import type { Finding } from '../checks/types';
import { AppError, badRequest } from '../errors';
import { readUpload, type ImportFields } from '../formats/detect';
import type { SideCounts } from '../text/align';
import { analyseSegments, storeImport, metaOf, prepareSegments, validateImport, type ImportLimits, type PreparedImport, type ReadImport } from '../review/import';
import { openDatabase } from '../db/connection';
import { Store } from '../db/store';

/** CPU-heavy work that needs no database: run in a worker thread (pool.ts) or, when small, inline. */
export type Task =
  | { kind: 'flag'; segment: SegmentToFlag }
  | { kind: 'flag-json'; bytes: Uint8Array }
  | { kind: 'flag-document'; segments: SegmentToFlag[]; terms?: readonly GlossaryTerm[] }
  | { kind: 'import-text'; body: unknown; limits: ImportLimits; storeIn?: StoreIn }
  | { kind: 'import-upload'; bytes: Uint8Array; fileName: string; fields: ImportFields; limits: ImportLimits; storeIn?: StoreIn };

/**
 * Where a worker stores the import itself, in one transaction on its own connection to the
 * database file: then neither the write nor the findings cross back to the event loop.
 */
export interface StoreIn {
  dbFile: string;
  actor: string;
}

const stores = new Map<string, Store>();

function storeFor(dbFile: string): Store {
  let store = stores.get(dbFile);
  if (!store) stores.set(dbFile, (store = new Store(openDatabase(dbFile))));
  return store;
}

async function read(task: Task & { kind: 'import-text' | 'import-upload' }): Promise<ReadImport> {
  if (task.kind === 'import-text') {
    const request = validateImport(task.body, task.limits);
    const counts: SideCounts = {};
    const segments = prepareSegments(request, task.limits, counts);
    return { meta: metaOf(request), segments, extras: { texts: request, counts } };
  }
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  return readUpload(bytes, task.fileName, task.fields, task.limits);
}

/** Runs a task: reads and flags an import (the caller stores it), or flags one text. */
export async function runTask(flagger: Flagger, task: Task): Promise<Finding[] | Finding[][] | PreparedImport | { documentId: number }> {
  switch (task.kind) {
    case 'flag':
      return flagger.flag(task.segment);
    case 'flag-json':
      return flagger.flag(flagRequest(parseJsonBody(task.bytes)));
    case 'flag-document':
      return flagger.flagDocument(task.segments, { terms: task.terms });
    case 'import-text':
    case 'import-upload': {
      const imported = await read(task);
      // Flagged before the transaction, not while writing as analyseAndStore does: the server's
      // own writes wait for this one, and flagging 100,000 segments takes seconds.
      const result = { ...imported, analysis: analyseSegments(flagger, imported.segments, task.limits) };
      if (!task.storeIn) return result;
      return { documentId: storeImport(storeFor(task.storeIn.dbFile), result, task.storeIn.actor) };
    }
  }
}

/** The text (and source) of a POST /api/flag body, or a 400. */
export function flagRequest(body: unknown): SegmentToFlag {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof fields.text !== 'string') throw badRequest('invalid-field', '"text" must be a string.');
  return { text: fields.text, source: typeof fields.source === 'string' ? fields.source : undefined };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON body read as raw bytes, parsed here (in a worker) with the errors express.json gives. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new AppError(400, 'invalid-encoding', 'The request body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid-json', 'The request body is not valid JSON.');
  }
}
