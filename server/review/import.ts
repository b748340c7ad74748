import { alignDocument, type SideCounts } from '../text/align';
import type { Flagger } from '../checks/engine';
import type { Store } from '../db/store';
import type { NewDocument } from '../db/documents';
import type { NewSegment } from '../db/segments';
import { now } from '../db/time';
import { badRequest } from '../errors';
import type { Finding } from '../checks/types';
import { recordImportExtras, type ImportExtras } from '../alignment/import-extras';

export interface ImportRequest {
  title: string;
  sourceLang: string;
  targetLang: string;
  sourceText?: string;
  mtText: string;
  format?: string;
}

export interface ImportLimits {
  /** Largest source or MT text accepted, in characters. */
  maxTextChars: number;
  maxSegments: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxTextChars: 12_000_000, maxSegments: 200_000 };

/** One segment ready to store; the optional fields come from bilingual formats (server/formats). */
export type PreparedSegment = Omit<NewSegment, 'index'>;

/** What describes an imported document besides its segments. */
export type DocumentMeta = Omit<NewDocument, 'createdBy'>;

// At most 35 characters: a language tag is short, and whatever matches is stored with the document.
export const LANG = /^(?=.{2,35}$)[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Checks an import request and returns it cleaned, or throws a 400 naming the problem. */
export function validateImport(input: unknown, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ImportRequest {
  if (typeof input !== 'object' || input === null) throw badRequest('invalid-body', 'Send a JSON object with title, sourceLang, targetLang and mtText.');
  const body = input as Record<string, unknown>;
  const str = (key: keyof typeof FIELD_NAMES | 'format', optional = false): string | undefined => {
    const v = body[key];
    const name = key === 'format' ? 'The format' : FIELD_NAMES[key];
    if (v === undefined || v === null || v === '') {
      if (optional) return undefined;
      throw badRequest('missing-field', `${name} is missing${key === 'mtText' ? ': paste it or upload it as a .txt file' : ''}.`, { field: key });
    }
    if (typeof v !== 'string') throw badRequest('invalid-field', `${name} must be text.`, { field: key });
    return v;
  };
  const sourceLang = str('sourceLang')!.trim();
  const targetLang = str('targetLang')!.trim();
  for (const [key, lang] of [['sourceLang', sourceLang], ['targetLang', targetLang]] as const) {
    if (!LANG.test(lang)) throw badRequest('invalid-language', `${FIELD_NAMES[key]} must be a language code such as “zh” or “en-US”, not “${lang.slice(0, 40)}”.`, { field: key });
  }
  const mtText = cleanText(str('mtText') ?? '');
  if (mtText.trim() === '') throw badRequest('empty-text', 'The machine translation is empty: paste it or upload it as a .txt file.', { field: 'mtText' });
  const title = cleanText(str('title', true) ?? '').trim() || firstLine(mtText);
  if (title.length > 300) throw badRequest('invalid-field', 'The title is longer than 300 characters.', { field: 'title' });
  const rawSource = str('sourceText', true);
  const sourceText = rawSource === undefined || rawSource.trim() === '' ? undefined : cleanText(rawSource);
  for (const [name, text] of [['machine translation', mtText], ['source text', sourceText ?? '']] as const) {
    if (text.length > limits.maxTextChars) {
      throw badRequest('text-too-long', `The ${name} has ${text.length.toLocaleString('en')} characters; the limit is ${limits.maxTextChars.toLocaleString('en')}.`);
    }
  }
  const format = str('format', true) ?? 'txt';
  if (!/^[a-z0-9-]{1,20}$/.test(format)) throw badRequest('invalid-field', '"format" must be a format name such as "txt".');
  return { title, sourceLang, targetLang, sourceText, mtText, format };
}

/** What the import form calls each field, for messages a person reads. */
const FIELD_NAMES = {
  title: 'The title',
  sourceLang: 'The source language',
  targetLang: 'The target language',
  mtText: 'The machine translation',
  sourceText: 'The source text',
} as const;

/** A title from the text itself: its first line, cut at a word near 80 characters. */
export function firstLine(text: string): string {
  const line = text.trim().split('\n')[0].trim();
  if (line.length <= 80) return line;
  const cut = line.slice(0, 80);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}…`;
}

/** Drops a BOM and control characters other than tab and line breaks. */
export function cleanText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

export function prepareSegments(req: ImportRequest, limits: ImportLimits = DEFAULT_IMPORT_LIMITS, counts?: SideCounts): PreparedSegment[] {
  const aligned = alignDocument(req.sourceText, req.mtText, req.sourceLang, req.targetLang, counts);
  if (aligned.length > limits.maxSegments) {
    throw badRequest('too-many-segments', `The document has ${aligned.length} segments; the limit is ${limits.maxSegments}.`);
  }
  return aligned.map((s) => ({ paragraph: s.paragraph, source: s.source, mt: s.target }));
}

/** Splits, aligns, flags and stores a document in one transaction; returns its id. */
export function importDocument(store: Store, flagger: Flagger, req: ImportRequest, actor: string, limits?: ImportLimits): number {
  const counts: SideCounts = {};
  const segments = prepareSegments(req, limits, counts);
  return importSegments(store, flagger, metaOf(req), segments, actor, limits, { texts: req, counts });
}

export function metaOf(req: ImportRequest): DocumentMeta {
  return { title: req.title, sourceLang: req.sourceLang, targetLang: req.targetLang, hasSource: req.sourceText !== undefined, format: req.format ?? 'txt' };
}

/** The findings and word counts of prepared segments: the CPU-heavy half of an import (see server/work). */
export interface ImportAnalysis {
  wordCounts: number[];
  findings: Finding[][];
  /** The fingerprint of the rules the findings come from (checks/checks-fingerprint.ts). */
  checkedWith: string;
}

/** What an import stores besides the findings: read, split and aligned, not yet flagged. */
export interface ReadImport {
  meta: DocumentMeta;
  segments: PreparedSegment[];
  /** What the import noticed beyond the segments: differing counts, suspect rows, .docx styles. */
  extras?: ImportExtras;
}

/** Everything an import stores, read and flagged but not yet written. */
export interface PreparedImport extends ReadImport {
  analysis: ImportAnalysis;
}

/** Flags prepared segments, each alone and the document as a whole; touches no database. */
export function analyseSegments(flagger: Flagger, segments: PreparedSegment[], limits: ImportLimits = DEFAULT_IMPORT_LIMITS): ImportAnalysis {
  checkSegmentCount(segments, limits);
  const analysed = segments.map((s) => flagger.analyse({ text: s.mt, source: s.source }));
  const findings = analysed.map((a) => a.findings);
  flagger.flagDocument(segments.map((s) => ({ text: s.mt, source: s.source }))).forEach((found, i) => {
    if (found.length) findings[i] = [...findings[i], ...found].sort((a, b) => a.start - b.start);
  });
  return { wordCounts: analysed.map((a) => a.wordCount), findings, checkedWith: flagger.fingerprint };
}

function checkSegmentCount(segments: PreparedSegment[], limits: ImportLimits): void {
  if (segments.length > limits.maxSegments) {
    throw badRequest('too-many-segments', `The document has ${segments.length} segments; the limit is ${limits.maxSegments}.`);
  }
}

/** Stores an analysed import in one transaction; returns the document id. */
export function storeImport(store: Store, { analysis, ...read }: PreparedImport, actor: string): number {
  return writeImport(store, read, actor, analysis.checkedWith,
    (_, index) => ({ wordCount: analysis.wordCounts[index], findings: analysis.findings[index] }), () => []);
}

/**
 * Flags and stores a read import in one transaction; returns the document id. Findings are
 * written a few segments after they are found, so that those of a whole document (113,000 for
 * 100,000 segments) are never all in memory at once: the import's peak RSS fell by about 45 MB.
 */
export function analyseAndStore(store: Store, flagger: Flagger, read: ReadImport, actor: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): number {
  checkSegmentCount(read.segments, limits);
  return writeImport(store, read, actor, flagger.fingerprint,
    (s) => flagger.analyse({ text: s.mt, source: s.source }),
    () => flagger.flagDocument(read.segments.map((s) => ({ text: s.mt, source: s.source }))));
}

/** Segments flagged before their findings are stored, when an import flags as it stores. */
const ANALYSE_CHUNK = 10;

/**
 * The one transaction of an import. `analyse` gives each segment's word count and findings;
 * `documentFindings` the findings of the checks that look at the whole document, by segment.
 */
function writeImport(store: Store, { meta, segments, extras }: ReadImport, actor: string, checkedWith: string,
  analyse: (segment: PreparedSegment, index: number) => { wordCount: number; findings: Finding[] }, documentFindings: () => Finding[][]): number {
  return store.transaction(() => {
    const documentId = store.documents.insert({ ...meta, createdBy: actor });
    store.documents.setCheckedWith(documentId, checkedWith);
    const at = now();
    const ids: number[] = [];
    // Ten at a time, as measured: one at a time took 15% longer in all, and 200 or 2,000 at a
    // time saved no memory.
    for (let from = 0; from < segments.length; from += ANALYSE_CHUNK) {
      const chunk = segments.slice(from, from + ANALYSE_CHUNK);
      const analysed = chunk.map((s, k) => analyse(s, from + k));
      chunk.forEach((s, k) => {
        const segmentId = store.segments.insert(documentId, { index: from + k, ...s }, analysed[k].wordCount, at);
        store.findings.insertAll(segmentId, 'mt', analysed[k].findings);
        ids.push(segmentId);
      });
    }
    documentFindings().forEach((found, i) => store.findings.insertAll(ids[i], 'mt', found));
    if (extras) recordImportExtras(store, documentId, extras, segments, ids);
    // The text is the MT until someone edits it.
    store.findings.copyMtToText(documentId);
    store.events.record({ actor, action: 'document.imported', documentId, details: { title: meta.title, segments: segments.length } });
    return documentId;
  });
}

/** Flags and stores prepared segments (from text or a bilingual file) in one transaction; returns the document id. */
export function importSegments(store: Store, flagger: Flagger, meta: DocumentMeta, segments: PreparedSegment[], actor: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS, extras?: ImportExtras): number {
  return analyseAndStore(store, flagger, { meta, segments, extras }, actor, limits);
}
