import type { Store } from '../db/store';
import type { DocumentRow } from '../db/documents';
import { badRequest } from '../errors';
import { changesCsvChunks, changesJsonChunks } from './changes';
import { reportCsvChunks, reportHtmlChunks } from './report';
import { exportRows, type Related } from './rows';
import { tmxChunks } from './tmx';
import { plainTextChunks } from './txt';
import { xliff12Chunks, xliff2Chunks } from './xliff';
import { LqaService } from '../lqa/service';
import { cleanedDocx } from './docx-export';

export const EXPORT_FORMATS = ['txt', 'docx', 'xliff', 'xliff12', 'tmx', 'changes-csv', 'changes-json', 'report', 'report-csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportStream {
  contentType: string;
  fileName: string;
  /** Shown in the browser (the HTML report) or downloaded. */
  inline: boolean;
  chunks: Iterator<string>;
  /** A binary file (.docx), built whole instead of streamed. */
  bytes?: () => Buffer;
}

export function parseExportFormat(format: unknown): ExportFormat {
  const fmt = format === undefined ? 'txt' : format;
  if (typeof fmt !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(fmt)) {
    throw badRequest('unknown-format', `Unknown export format "${String(fmt).slice(0, 40)}". Formats: ${EXPORT_FORMATS.join(', ')}.`);
  }
  return fmt as ExportFormat;
}

/** A file name made of the title's safe characters, for Content-Disposition. */
export function exportFileName(title: string, id: number, ext: string): string {
  const slug = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 60);
  return `${slug || 'document'}-${id}.${ext}`;
}

/** The chunks of an export and how to label them; nothing is read until the chunks are pulled. */
export function exportStream(store: Store, doc: DocumentRow, format: ExportFormat): ExportStream {
  const rows = (...related: Related[]) => exportRows(store, doc.id, related);
  const disabled = () => store.dismissals.disabledRules(doc.id);
  const mqm = () => new LqaService(store).score(doc.id);
  const name = (suffix: string, ext: string) => exportFileName(doc.title, doc.id, '').replace(/\.$/, '') + suffix + '.' + ext;
  switch (format) {
    case 'txt':
      return { contentType: 'text/plain; charset=utf-8', fileName: name('', 'txt'), inline: false, chunks: plainTextChunks(store.segments.iterateTexts(doc.id), doc.targetLang) };
    case 'docx':
      return { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', fileName: name('', 'docx'), inline: false, chunks: [][Symbol.iterator](),
        bytes: () => cleanedDocx(store.segments.iterateTexts(doc.id), doc.targetLang, store.styles.forDocument(doc.id), doc.title) };
    case 'xliff':
      return { contentType: 'application/xliff+xml; charset=utf-8', fileName: name('', 'xlf'), inline: false, chunks: xliff2Chunks(doc, rows('proposals', 'comments', 'annotations')) };
    case 'xliff12':
      return { contentType: 'application/x-xliff+xml; charset=utf-8', fileName: name('-xliff12', 'xlf'), inline: false, chunks: xliff12Chunks(doc, rows('proposals', 'comments')) };
    case 'tmx':
      if (!doc.hasSource) throw badRequest('no-source', 'This document has no source text, so it cannot be exported as a translation memory (TMX).');
      return { contentType: 'application/x-tmx+xml; charset=utf-8', fileName: name('', 'tmx'), inline: false, chunks: tmxChunks(doc, rows()) };
    case 'changes-csv':
      return { contentType: 'text/csv; charset=utf-8', fileName: name('-changes', 'csv'), inline: false, chunks: changesCsvChunks(rows('proposals')) };
    case 'changes-json':
      return { contentType: 'application/json; charset=utf-8', fileName: name('-changes', 'json'), inline: false, chunks: changesJsonChunks(rows('proposals', 'annotations')) };
    case 'report':
      return { contentType: 'text/html; charset=utf-8', fileName: name('-report', 'html'), inline: true, chunks: reportHtmlChunks(doc, () => rows('findings', 'dismissals'), disabled(), mqm) };
    case 'report-csv':
      return { contentType: 'text/csv; charset=utf-8', fileName: name('-report', 'csv'), inline: false, chunks: reportCsvChunks(() => rows('findings', 'dismissals'), disabled(), mqm) };
  }
}
