import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors';
import { cleanText, type PreparedSegment } from '../review/import';
import type { ParsedDocument } from './types';

const SOURCE_NAMES = new Set(['source', 'src', 'original', 'source text', 'source_text', 'source segment', '原文', 'zh']);
const MT_NAMES = new Set(['mt', 'target', 'tgt', 'translation', 'machine translation', 'mt text', 'mt_text', 'target text', 'target_text', '译文', 'en']);

const cell = (value: unknown) => cleanText(String(value ?? '')).replace(/\s+/g, ' ').trim();

/**
 * Parses a bilingual TSV or CSV: one row per segment, source and MT columns. A first row whose cells
 * name the columns ("source", "mt", "target", "translation", or the language codes) is a header;
 * without one, two columns are source and MT and a single column is MT only.
 */
export function parseDelimited(text: string, what: string, kind: 'tsv' | 'csv', langs: { sourceLang?: string; targetLang?: string } = {}): ParsedDocument {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = kind === 'tsv' ? '\t' : (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',');
  let rows: Array<{ record: unknown[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      delimiter,
      // TSV has no quoting convention: a quote is just a character of the text.
      quote: kind === 'tsv' ? false : '"',
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
    }) as unknown as Array<{ record: unknown[]; info: { lines: number } }>;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    const line = e.lines ? ` (line ${e.lines})` : '';
    throw badRequest('malformed-csv', `${what} could not be read as ${kind.toUpperCase()}${line}: ${(e.message ?? 'invalid').replace(/^Invalid /, 'invalid ')}`, e.lines ? { line: e.lines } : undefined);
  }
  if (rows.length === 0) throw badRequest('empty-file', `${what} has no rows.`);
  const names = rows[0].record.map((c) => cell(c).toLowerCase());
  const isName = (set: Set<string>, lang?: string) => (n: string) => set.has(n) || (!!lang && n === lang.toLowerCase());
  let sourceCol = names.findIndex(isName(SOURCE_NAMES, langs.sourceLang));
  let mtCol = names.findIndex(isName(MT_NAMES, langs.targetLang));
  const header = sourceCol >= 0 || mtCol >= 0;
  if (header) {
    if (mtCol < 0) throw badRequest('csv-columns', `${what}: the header (line 1) names no MT column; call it "mt", "target" or "translation".`);
  } else {
    const width = Math.max(...rows.map((r) => r.record.length));
    [sourceCol, mtCol] = width >= 2 ? [0, 1] : [-1, 0];
  }
  const segments: PreparedSegment[] = [];
  for (const { record, info } of header ? rows.slice(1) : rows) {
    const source = sourceCol >= 0 ? cell(record[sourceCol]) : '';
    const mt = cell(record[mtCol]);
    if (source === '' && mt === '') continue;
    if (record.length <= mtCol && sourceCol >= 0) throw badRequest('csv-columns', `${what}: line ${info.lines} has ${record.length} column${record.length === 1 ? '' : 's'}; the MT is in column ${mtCol + 1}.`, { line: info.lines });
    segments.push({ paragraph: segments.length, source, mt });
  }
  if (segments.length === 0) throw badRequest('empty-file', `${what} has no segments${header ? ' below its header' : ''}.`);
  if (segments.every((s) => s.mt === '')) throw badRequest('empty-text', `${what} has no machine translation in column ${mtCol + 1}.`);
  return { format: kind, hasSource: segments.some((s) => s.source !== ''), segments };
}
