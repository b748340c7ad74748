import type { Response } from 'express';
import type { Services } from '../app';
import { notFound } from '../errors';
import { exportStream, parseExportFormat } from '../formats/exports';

export { EXPORT_FORMATS, exportFileName } from '../formats/exports';

export function sendExport(services: Services, documentId: number, format: unknown, res: Response): void {
  const fmt = parseExportFormat(format);
  const doc = services.store.documents.get(documentId);
  if (!doc) throw notFound('This document');
  const stream = exportStream(services.store, doc, fmt);
  if (stream.inline) {
    res.set('Content-Disposition', `inline; filename=${stream.fileName}`);
    // The report is a static page: no scripts, nothing loaded from elsewhere.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  } else {
    res.attachment(stream.fileName);
  }
  // After attachment(), which would set a type from the file extension.
  res.setHeader('Content-Type', stream.contentType);
  res.set('X-Content-Type-Options', 'nosniff');
  if (stream.bytes) res.end(stream.bytes());
  else streamChunks(res, stream.chunks);
}

/** Writes chunks with back-pressure, so a large export never piles up in memory. */
export function streamChunks(res: Response, chunks: Iterator<string>): void {
  // Formats yield a chunk per segment or paragraph; sending each as its own write costs more than
  // building it, so chunks are gathered into writes of about 64 KB.
  const pump = () => {
    let buffered = '';
    for (;;) {
      const next = chunks.next();
      if (next.done) {
        res.end(buffered);
        return;
      }
      buffered += next.value;
      if (buffered.length < WRITE_SIZE) continue;
      const more = res.write(buffered);
      buffered = '';
      if (!more) {
        res.once('drain', pump);
        return;
      }
    }
  };
  res.on('close', () => chunks.return?.(undefined));
  pump();
}

const WRITE_SIZE = 64 * 1024;
