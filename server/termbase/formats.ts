import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors';
import { csvLine, safeCell } from '../formats/csv';
import { attrString, attrsOf, childrenOf, elements, escapeXml, localName, parseXml, rootOf, tagOf, textOf, type XmlNode } from '../formats/xml';
import { cleanText } from '../review/import';
import type { NewTermEntry } from '../db/terms';

export const TERM_FORMATS = ['csv', 'tsv', 'tbx'] as const;
export type TermFormat = (typeof TERM_FORMATS)[number];

export const MAX_TERM_CHARS = 500;
export const MAX_TERM_ENTRIES = 20_000;

const cell = (value: unknown) => cleanText(String(value ?? '')).replace(/\s+/g, ' ').trim();
/** Forbidden variants in one cell: separated by semicolons or vertical bars. */
const variants = (value: string) => value.split(/\s*[;|]\s*/).map((v) => v.trim()).filter((v) => v !== '');

const COLUMNS = {
  source: new Set(['source', 'source term', 'source_term', 'term', 'src', '原文', '术语']),
  target: new Set(['target', 'target term', 'target_term', 'translation', 'tgt', '译文']),
  note: new Set(['note', 'notes', 'comment', 'definition', '备注']),
  forbidden: new Set(['forbidden', 'forbidden variants', 'forbidden_variants', 'do not use', 'not', 'avoid']),
};

/**
 * A glossary as CSV or TSV: columns source, target, note, forbidden (variants separated by ";").
 * A header naming the columns is optional; without one the columns are in that order.
 */
export function parseTermTable(text: string, kind: 'csv' | 'tsv', what: string): NewTermEntry[] {
  let rows: Array<{ record: unknown[]; info: { lines: number } }>;
  try {
    rows = parse(text, { delimiter: kind === 'tsv' ? '\t' : ',', quote: kind === 'tsv' ? false : '"', relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw badRequest('malformed-csv', `${what} could not be read as ${kind.toUpperCase()}${e.lines ? ` (line ${e.lines})` : ''}.`, e.lines ? { line: e.lines } : undefined);
  }
  if (rows.length === 0) throw badRequest('empty-file', `${what} has no rows.`);
  const names = rows[0].record.map((c) => cell(c).toLowerCase());
  const find = (set: Set<string>) => names.findIndex((n) => set.has(n));
  const header = find(COLUMNS.source) >= 0 && find(COLUMNS.target) >= 0;
  const col = header
    ? { source: find(COLUMNS.source), target: find(COLUMNS.target), note: find(COLUMNS.note), forbidden: find(COLUMNS.forbidden) }
    : { source: 0, target: 1, note: 2, forbidden: 3 };
  const entries: NewTermEntry[] = [];
  for (const { record, info } of header ? rows.slice(1) : rows) {
    const get = (i: number) => (i >= 0 ? unquoteFormula(cell(record[i])) : '');
    const sourceTerm = get(col.source);
    const targetTerm = get(col.target);
    if (sourceTerm === '' && targetTerm === '') continue;
    if (sourceTerm === '') throw badRequest('invalid-term', `${what}: line ${info.lines} has a target term but no source term.`, { line: info.lines });
    entries.push(checkEntry({ sourceTerm, targetTerm, note: get(col.note) || null, forbidden: variants(get(col.forbidden)) }, `${what}, line ${info.lines}`));
  }
  return finish(entries, what);
}

/** Our CSV export guards cells against formulas with a leading apostrophe: read them back without it. */
const unquoteFormula = (value: string) => (/^'[=+\-@]/.test(value) ? value.slice(1) : value);

export function* termTableChunks(entries: Iterable<NewTermEntry>, kind: 'csv' | 'tsv'): Generator<string> {
  // TSV opens in spreadsheets too: its cells get the same guard against formulas as CSV's.
  const line = kind === 'csv' ? csvLine : (cells: string[]) => cells.map((c) => String(safeCell(c.replace(/[\t\r\n]+/g, ' ')))).join('\t') + '\r\n';
  yield (kind === 'csv' ? '\uFEFF' : '') + line(['source', 'target', 'note', 'forbidden']);
  for (const e of entries) yield line([e.sourceTerm, e.targetTerm, e.note ?? '', (e.forbidden ?? []).join('; ')]);
}

/**
 * TBX (ISO 30042), the basic dialect: martif or tbx root, termEntry > langSec (xml:lang) >
 * termSec > term, with a note as descrip type="definition" or note, and a forbidden variant as a
 * termSec whose termNote type="administrativeStatus" is "deprecatedTerm-admn-sts" (or
 * "supersededTerm-admn-sts"). The first language is the source unless told otherwise.
 * Parsed with the project's XML settings: no DOCTYPE, no entities.
 */
export function parseTbx(text: string, what: string, langs: { sourceLang?: string; targetLang?: string } = {}): NewTermEntry[] {
  const root = rootOf(parseXml(text, what));
  const rootName = root && localName(tagOf(root)!);
  if (rootName !== 'martif' && rootName !== 'tbx') throw badRequest('not-tbx', `${what} is XML but its root element is not <tbx> or <martif>.`);
  const entries: NewTermEntry[] = [];
  const base = (lang: string | undefined) => (lang ?? '').toLowerCase().split('-')[0];
  const walk = (node: XmlNode) => {
    for (const child of childrenOf(node)) {
      const tag = tagOf(child);
      if (!tag) continue;
      if (localName(tag) === 'termEntry' || localName(tag) === 'conceptEntry') entries.push(...termEntry(child));
      else walk(child);
    }
  };
  const termEntry = (node: XmlNode): NewTermEntry[] => {
    const sections = elements(node, 'langSec').concat(elements(node, 'langSet'));
    const entryNotes = notesOf(node);
    const bySide = sections.map((sec) => {
      const lang = attrsOf(sec)['xml:lang'] ?? attrsOf(sec).lang;
      const terms = elements(sec, 'termSec').concat(elements(sec, 'tig'), elements(sec, 'ntig')).map((ts) => {
        const term = cell(textOf(findDeep(ts, 'term') ?? {}));
        const status = elements(ts, 'termNote').find((n) => attrsOf(n).type === 'administrativeStatus');
        const forbidden = status !== undefined && /^(deprecated|superseded)/.test(cell(textOf(status)));
        return { term, forbidden, notes: notesOf(ts) };
      }).filter((t) => t.term !== '');
      return { lang, terms, notes: notesOf(sec) };
    });
    if (bySide.length === 0) return [];
    const sourceIndex = langs.sourceLang ? Math.max(0, bySide.findIndex((s) => base(s.lang) === base(langs.sourceLang))) : 0;
    const source = bySide[sourceIndex];
    const targets = bySide.filter((s, i) => i !== sourceIndex && (!langs.targetLang || base(s.lang) === base(langs.targetLang)));
    const sourceTerm = source.terms.find((t) => !t.forbidden)?.term ?? source.terms[0]?.term;
    if (!sourceTerm) return [];
    const targetTerms = targets.flatMap((t) => t.terms);
    const forbidden = targetTerms.filter((t) => t.forbidden).map((t) => t.term);
    const allowed = targetTerms.filter((t) => !t.forbidden);
    const note = [...entryNotes, ...source.notes, ...targets.flatMap((t) => t.notes), ...allowed.flatMap((t) => t.notes)].join(' ') || null;
    const where = `${what}, term entry ${attrsOf(node).id ?? sourceTerm}`;
    if (allowed.length === 0) return [checkEntry({ sourceTerm, targetTerm: '', note, forbidden }, where)];
    return allowed.map((t) => checkEntry({ sourceTerm, targetTerm: t.term, note, forbidden }, where));
  };
  walk(root!);
  return finish(entries, what);
}

function notesOf(node: XmlNode): string[] {
  const notes: string[] = [];
  for (const child of childrenOf(node)) {
    const tag = tagOf(child);
    if (!tag) continue;
    const name = localName(tag);
    if (name === 'descrip' || name === 'note') notes.push(cell(textOf(child)));
    else if (name === 'descripGrp') notes.push(...notesOf(child));
  }
  return notes.filter((n) => n !== '');
}

function findDeep(node: XmlNode, name: string): XmlNode | undefined {
  for (const child of childrenOf(node)) {
    const tag = tagOf(child);
    if (!tag) continue;
    if (localName(tag) === name) return child;
    const inner = findDeep(child, name);
    if (inner) return inner;
  }
  return undefined;
}

export function* tbxChunks(entries: Iterable<NewTermEntry>, langs: { sourceLang: string; targetLang: string }, title: string): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"${attrString({ 'xml:lang': langs.targetLang })}>\n`
    + `  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>${escapeXml(title)}</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n`;
  let n = 0;
  for (const e of entries) {
    n++;
    let out = `      <conceptEntry${attrString({ id: `c${n}` })}>\n`;
    if (e.note) out += `        <descrip type="definition">${escapeXml(e.note)}</descrip>\n`;
    out += `        <langSec${attrString({ 'xml:lang': langs.sourceLang })}>\n          <termSec>\n            <term>${escapeXml(e.sourceTerm)}</term>\n          </termSec>\n        </langSec>\n`;
    out += `        <langSec${attrString({ 'xml:lang': langs.targetLang })}>\n`;
    if (e.targetTerm) out += `          <termSec>\n            <term>${escapeXml(e.targetTerm)}</term>\n            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>\n          </termSec>\n`;
    for (const v of e.forbidden ?? []) out += `          <termSec>\n            <term>${escapeXml(v)}</term>\n            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n          </termSec>\n`;
    yield out + '        </langSec>\n      </conceptEntry>\n';
  }
  yield '    </body>\n  </text>\n</tbx>\n';
}

/** Validates one entry (lengths, no blank source) and returns it cleaned. */
export function checkEntry(entry: NewTermEntry, where: string): NewTermEntry {
  const sourceTerm = cell(entry.sourceTerm);
  const targetTerm = cell(entry.targetTerm);
  const note = entry.note ? cell(entry.note).slice(0, 2000) : null;
  const forbidden = [...new Set((entry.forbidden ?? []).map(cell).filter((v) => v !== '' && v !== targetTerm))];
  if (sourceTerm === '') throw badRequest('invalid-term', `${where}: the source term is blank.`);
  if (targetTerm === '' && forbidden.length === 0) throw badRequest('invalid-term', `${where}: give a target term or a forbidden variant.`);
  for (const t of [sourceTerm, targetTerm, ...forbidden]) {
    if (t.length > MAX_TERM_CHARS) throw badRequest('text-too-long', `${where}: a term may have at most ${MAX_TERM_CHARS} characters.`);
  }
  if (forbidden.length > 50) throw badRequest('invalid-term', `${where}: at most 50 forbidden variants per entry.`);
  return { sourceTerm, targetTerm, note, forbidden };
}

function finish(entries: NewTermEntry[], what: string): NewTermEntry[] {
  if (entries.length === 0) throw badRequest('empty-file', `${what} has no glossary entries.`);
  if (entries.length > MAX_TERM_ENTRIES) throw badRequest('too-many-terms', `${what} has ${entries.length.toLocaleString('en')} entries; the limit is ${MAX_TERM_ENTRIES.toLocaleString('en')}.`);
  return entries;
}

/** The format of an uploaded glossary, from its content and name. */
export function termFormatOf(text: string, fileName: string, given?: unknown): TermFormat {
  if (typeof given === 'string' && (TERM_FORMATS as readonly string[]).includes(given)) return given as TermFormat;
  if (given !== undefined && given !== '') throw badRequest('unknown-format', `Unknown glossary format "${String(given).slice(0, 40)}". Formats: ${TERM_FORMATS.join(', ')}.`);
  if (text.replace(/^\uFEFF/, '').trimStart().startsWith('<')) return 'tbx';
  if (/\.(tsv|tab|txt)$/i.test(fileName) || (!/\.csv$/i.test(fileName) && text.slice(0, 2000).includes('\t'))) return 'tsv';
  return 'csv';
}
