import path from 'node:path';
import { badRequest } from '../errors';
import { cleanText, importSegments, LANG, prepareSegments, validateImport, type DocumentMeta, type ImportLimits, type PreparedSegment } from '../review/import';
import type { Flagger } from '../checks/engine';
import type { Store } from '../db/store';
import { decodeText } from './decode';
import { DEFAULT_DOCX_LIMITS, docxParagraphs } from './docx';
import type { ImportExtras } from '../alignment/import-extras';
import type { SideCounts } from '../text/align';
import { parseTmx } from './tmx';
import { parseDelimited } from './tsv';
import { parseXliff } from './xliff';
import type { ParsedDocument } from './types';

export type FileFormat = 'xliff' | 'tmx' | 'tsv' | 'csv' | 'docx' | 'txt';

const BY_EXTENSION: Record<string, FileFormat> = {
  '.xlf': 'xliff', '.xliff': 'xliff', '.xlz': 'xliff', '.tmx': 'tmx', '.tsv': 'tsv', '.tab': 'tsv', '.csv': 'csv', '.docx': 'docx', '.txt': 'txt', '.text': 'txt', '': 'txt',
};

const SUPPORTED = 'XLIFF 1.2 or 2.x (.xlf), TMX (.tmx), bilingual TSV or CSV, Word (.docx) or plain text (.txt)';

/** The format of an uploaded file, from its content first and its extension second. */
export function detectFormat(bytes: Buffer, fileName: string): FileFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    if (ext === '.docx' || bytes.includes('word/document.xml')) return 'docx';
    throw badRequest('unsupported-format', `${fileName} is a ZIP archive but not a Word .docx file. Calque reads ${SUPPORTED}.`);
  }
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) {
    const root = /<(?!\?|!)([\w:.-]+)/.exec(head.replace(/<!--[\s\S]*?-->/g, ''))?.[1];
    if (root && /(^|:)xliff$/.test(root)) return 'xliff';
    if (root === 'tmx') return 'tmx';
    if (ext !== '.xlf' && ext !== '.xliff' && ext !== '.tmx') {
      throw badRequest('unsupported-format', `${fileName} is XML with a <${root ?? '?'}> root element. Calque reads ${SUPPORTED}.`);
    }
  }
  const byExt = BY_EXTENSION[ext];
  if (!byExt) throw badRequest('unsupported-format', `${fileName}: "${ext}" files are not supported. Calque reads ${SUPPORTED}.`);
  if (byExt === 'docx') throw badRequest('invalid-docx', `${fileName} is named .docx but is not a Word file (no ZIP signature).`);
  return byExt;
}

/** Text of an uploaded text file; binary content is a 400 naming the file. */
function textOf(bytes: Buffer, fileName: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) throw badRequest('unsupported-format', `${fileName} looks like a binary file. Calque reads ${SUPPORTED}.`);
  return decodeText(bytes, fileName);
}

export interface ImportFields {
  title?: unknown;
  sourceLang?: unknown;
  targetLang?: unknown;
  sourceText?: unknown;
}

/** Reads an uploaded file of any supported format into document metadata and segments, or throws a 400. */
export async function readUpload(bytes: Buffer, fileName: string, fields: ImportFields, limits?: ImportLimits): Promise<{ meta: DocumentMeta; segments: PreparedSegment[]; extras?: ImportExtras }> {
  const name = path.basename(fileName || 'upload');
  if (bytes.length === 0) throw badRequest('empty-file', `${name} is empty.`);
  const format = detectFormat(bytes, name);
  const given = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const title = given(fields.title) ?? (name.replace(/\.[^.]+$/, '') || 'Imported document');
  if (format === 'txt' || format === 'docx') {
    const docx = format === 'docx' ? docxParagraphs(bytes, name, { ...DEFAULT_DOCX_LIMITS, maxTextChars: limits?.maxTextChars ?? DEFAULT_DOCX_LIMITS.maxTextChars }) : undefined;
    const mtText = docx ? docx.text : textOf(bytes, name);
    const request = validateImport({ ...fields, title, mtText, format }, limits);
    const counts: SideCounts = {};
    return {
      meta: { title: request.title, sourceLang: request.sourceLang, targetLang: request.targetLang, hasSource: request.sourceText !== undefined, format },
      segments: prepareSegments(request, limits, counts),
      extras: { texts: request, counts, paragraphStyles: docx?.styles },
    };
  }
  const text = textOf(bytes, name);
  const langs = { sourceLang: given(fields.sourceLang), targetLang: given(fields.targetLang) };
  const parsed: ParsedDocument = format === 'xliff' ? parseXliff(text, name)
    : format === 'tmx' ? parseTmx(text, name, langs.targetLang)
    : parseDelimited(text, name, format, langs);
  // Languages the file declares win over the form's defaults.
  const sourceLang = parsed.sourceLang ?? langs.sourceLang;
  const targetLang = parsed.targetLang ?? langs.targetLang;
  for (const [key, lang] of [['sourceLang', sourceLang], ['targetLang', targetLang]] as const) {
    if (!lang) throw badRequest('missing-field', `${name} does not say its ${key === 'sourceLang' ? 'source' : 'target'} language: give "${key}".`);
    if (!LANG.test(lang)) throw badRequest('invalid-language', `${name}: "${lang.slice(0, 40)}" is not a language code such as "zh" or "en-US".`);
  }
  if (title.length > 300) throw badRequest('invalid-field', 'The title is longer than 300 characters.');
  return { meta: { title: cleanText(title), sourceLang: sourceLang!, targetLang: targetLang!, hasSource: parsed.hasSource, format: parsed.format }, segments: parsed.segments };
}

/** Reads and imports an uploaded file in one transaction; returns the document id. */
export async function importUpload(store: Store, flagger: Flagger, bytes: Buffer, fileName: string, fields: ImportFields, actor: string, limits?: ImportLimits): Promise<number> {
  const { meta, segments, extras } = await readUpload(bytes, fileName, fields, limits);
  return importSegments(store, flagger, meta, segments, actor, limits, extras);
}
