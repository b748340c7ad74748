import type { Flagger, KnowledgeDirs, SegmentToFlag } from '../checks/engine';
import type { Finding, GlossaryTerm } from '../checks/types';
import express, { type RequestHandler } from 'express';
import type { ImportFields } from '../formats/detect';
import { storeImport, type ImportLimits, type PreparedImport } from '../review/import';
import type { Store } from '../db/store';
import { WorkerPool, WorkersUnavailable } from './pool';
import { runTask, type Task } from './tasks';

/** Work smaller than this runs inline: a worker's round trip would cost more than it saves. */
export const INLINE_LIMITS = { flagChars: 20_000, importChars: 50_000, uploadBytes: 64 * 1024, documentSegments: 500 };

const pools = new Map<string, WorkerPool | undefined>();

/** One pool per process and knowledge: every app of a test run shares it, as they share the flagger. */
function sharedPool(size: number, dirs: KnowledgeDirs): WorkerPool | undefined {
  const key = `${size}\0${dirs.rulesDir ?? ''}\0${dirs.lexiconDir ?? ''}`;
  if (!pools.has(key)) pools.set(key, WorkerPool.create(size, dirs));
  return pools.get(key);
}

/**
 * Flagging and import reading, off the event loop when big: in a worker thread of the pool, with
 * a flagger built from the same knowledge. Without a pool (workers: 0, or a flagger the workers
 * cannot rebuild) everything runs inline, with the same results and errors.
 */
export class FlagWork {
  private readonly pool: WorkerPool | undefined;

  /** The database file, when the workers can open it themselves (not an in-memory database). */
  private readonly dbFile: string | undefined;

  constructor(private readonly flagger: Flagger, options: { workers: number; dirs?: KnowledgeDirs; db?: { memory: boolean; name: string } }) {
    this.pool = options.dirs ? sharedPool(options.workers, { rulesDir: options.dirs.rulesDir, lexiconDir: options.dirs.lexiconDir }) : undefined;
    this.dbFile = options.db && !options.db.memory ? options.db.name : undefined;
  }

  /** Whether big work leaves the event loop. */
  get offloads(): boolean {
    return this.pool !== undefined;
  }

  warm(): void {
    this.pool?.warm();
  }

  /** Stops the workers (and closes their database connections): for shutdown. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  flag(segment: SegmentToFlag): Promise<Finding[]> {
    const size = segment.text.length + (segment.source?.length ?? 0);
    return this.run({ kind: 'flag', segment }, size > INLINE_LIMITS.flagChars) as Promise<Finding[]>;
  }

  /** Flags a POST /api/flag body that arrived as raw JSON bytes (see rawFlagBody): parsed in the worker too. */
  flagJson(bytes: Buffer): Promise<Finding[]> {
    return this.run({ kind: 'flag-json', bytes }, true) as Promise<Finding[]>;
  }

  /** The document-level checks over a whole document, with its glossary (the re-check after an edit of a long one). */
  flagDocument(segments: SegmentToFlag[], terms?: readonly GlossaryTerm[]): Promise<Finding[][]> {
    return this.run({ kind: 'flag-document', segments, terms }, segments.length > INLINE_LIMITS.documentSegments) as Promise<Finding[][]>;
  }

  /** Imports a document sent as text (the JSON or form fields): validated, split, aligned, flagged and stored. */
  importText(store: Store, body: unknown, limits: ImportLimits, actor: string): Promise<number> {
    const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const size = (typeof fields.mtText === 'string' ? fields.mtText.length : 0) + (typeof fields.sourceText === 'string' ? fields.sourceText.length : 0);
    return this.importTask(store, { kind: 'import-text', body, limits }, size > INLINE_LIMITS.importChars, actor);
  }

  /** Imports an uploaded file of any supported format. */
  importUpload(store: Store, bytes: Buffer, fileName: string, fields: ImportFields, limits: ImportLimits, actor: string): Promise<number> {
    // Only the plain fields cross to the worker (a multer body has a null prototype).
    const plain: ImportFields = { title: fields.title, sourceLang: fields.sourceLang, targetLang: fields.targetLang, sourceText: fields.sourceText };
    return this.importTask(store, { kind: 'import-upload', bytes, fileName, fields: plain, limits }, bytes.length > INLINE_LIMITS.uploadBytes, actor);
  }

  /**
   * A big import on a database file is read, flagged and stored by the worker, in one transaction
   * on its own connection (the server's reads go on meanwhile; WAL). Otherwise the worker, or the
   * event loop when small, prepares it and the event loop stores it in one transaction.
   */
  private async importTask(store: Store, task: Task & { kind: 'import-text' | 'import-upload' }, big: boolean, actor: string): Promise<number> {
    if (big && this.pool && this.dbFile) {
      try {
        const { documentId } = (await this.pool.run({ ...task, storeIn: { dbFile: this.dbFile, actor } })) as { documentId: number };
        store.afterWrite?.();
        return documentId;
      } catch (err) {
        if (!(err instanceof WorkersUnavailable)) throw err;
      }
    }
    return storeImport(store, (await this.run(task, big)) as PreparedImport, actor);
  }

  private async run(task: Task, big: boolean): Promise<unknown> {
    if (big && this.pool) {
      try {
        return await this.pool.run(task);
      } catch (err) {
        if (!(err instanceof WorkersUnavailable)) throw err;
      }
    }
    return runTask(this.flagger, task);
  }
}

/** Bodies of POST /api/flag above this are not parsed on the event loop. */
export const RAW_FLAG_BYTES = 1024 * 1024;

/**
 * For a big POST /api/flag in UTF-8 JSON: reads the body as bytes, so that decoding and parsing
 * it (a few hundred milliseconds for 30 MB) happen in the worker with the flagging. Mounted
 * before express.json, which then leaves the request alone; every other request passes through.
 */
export function rawFlagBody(limit: number): RequestHandler {
  const raw = express.raw({ type: () => true, limit });
  return (req, res, next) => {
    const charset = /;\s*charset=["']?([^;"'\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    const big = Number(req.headers['content-length']) > RAW_FLAG_BYTES;
    if (req.method !== 'POST' || req.path !== '/flag' || !big || !req.is('application/json') || (charset && charset !== 'utf-8' && charset !== 'utf8')) return next();
    raw(req, res, next);
  };
}
