import type { Response } from 'express';
import type { Services } from '../app';
import { badRequest, notFound } from '../errors';
import { plainTextChunks } from '../formats/txt';

export const EXPORT_FORMATS = ['txt'] as const;

/** A file name made of the title's safe characters, for Content-Disposition. */
export function exportFileName(title: string, id: number, ext: string): string {
  const slug = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 60);
  return `${slug || 'document'}-${id}.${ext}`;
}

export function sendExport(services: Services, documentId: number, format: unknown, res: Response): void {
  const fmt = format === undefined ? 'txt' : format;
  if (typeof fmt !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(fmt)) {
    throw badRequest('unknown-format', `Unknown export format "${String(fmt).slice(0, 40)}". Formats: ${EXPORT_FORMATS.join(', ')}.`);
  }
  const doc = services.store.documents.get(documentId);
  if (!doc) throw notFound(`Document ${documentId}`);
  res.type('text/plain; charset=utf-8');
  res.attachment(exportFileName(doc.title, doc.id, 'txt'));
  streamChunks(res, plainTextChunks(services.store.segments.iterate(doc.id), doc.targetLang));
}

/** Writes chunks with back-pressure, so a large export never piles up in memory. */
function streamChunks(res: Response, chunks: Iterator<string>): void {
  const pump = () => {
    for (;;) {
      const next = chunks.next();
      if (next.done) {
        res.end();
        return;
      }
      if (!res.write(next.value)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  res.on('close', () => chunks.return?.(undefined));
  pump();
}
