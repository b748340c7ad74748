import type { Flagger, SegmentToFlag } from '../checks/engine';
import type { Finding } from '../checks/types';
import { AppError, badRequest } from '../errors';
import { readUpload, type ImportFields } from '../formats/detect';
import { analyseSegments, metaOf, prepareSegments, validateImport, type ImportLimits, type PreparedImport } from '../review/import';

/** CPU-heavy work that needs no database: run in a worker thread (pool.ts) or, when small, inline. */
export type Task =
  | { kind: 'flag'; segment: SegmentToFlag }
  | { kind: 'flag-json'; bytes: Uint8Array }
  | { kind: 'flag-document'; segments: SegmentToFlag[] }
  | { kind: 'import-text'; body: unknown; limits: ImportLimits }
  | { kind: 'import-upload'; bytes: Uint8Array; fileName: string; fields: ImportFields; limits: ImportLimits };

/** Runs a task: reads and flags an import (the caller stores it), or flags one text. */
export async function runTask(flagger: Flagger, task: Task): Promise<Finding[] | Finding[][] | PreparedImport> {
  switch (task.kind) {
    case 'flag':
      return flagger.flag(task.segment);
    case 'flag-json':
      return flagger.flag(flagRequest(parseJsonBody(task.bytes)));
    case 'flag-document':
      return flagger.flagDocument(task.segments);
    case 'import-text': {
      const request = validateImport(task.body, task.limits);
      const segments = prepareSegments(request, task.limits);
      return { meta: metaOf(request), segments, analysis: analyseSegments(flagger, segments, task.limits) };
    }
    case 'import-upload': {
      const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
      const { meta, segments } = await readUpload(bytes, task.fileName, task.fields, task.limits);
      return { meta, segments, analysis: analyseSegments(flagger, segments, task.limits) };
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
