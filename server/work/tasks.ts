import type { Flagger, SegmentToFlag } from '../checks/engine';
import type { Finding } from '../checks/types';
import { readUpload, type ImportFields } from '../formats/detect';
import { analyseSegments, metaOf, prepareSegments, validateImport, type ImportLimits, type PreparedImport } from '../review/import';

/** CPU-heavy work that needs no database: run in a worker thread (pool.ts) or, when small, inline. */
export type Task =
  | { kind: 'flag'; segment: SegmentToFlag }
  | { kind: 'flag-document'; segments: SegmentToFlag[] }
  | { kind: 'import-text'; body: unknown; limits: ImportLimits }
  | { kind: 'import-upload'; bytes: Uint8Array; fileName: string; fields: ImportFields; limits: ImportLimits };

/** Runs a task: reads and flags an import (the caller stores it), or flags one text. */
export async function runTask(flagger: Flagger, task: Task): Promise<Finding[] | Finding[][] | PreparedImport> {
  switch (task.kind) {
    case 'flag':
      return flagger.flag(task.segment);
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
