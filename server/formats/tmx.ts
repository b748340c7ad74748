import type { DocumentRow } from '../db/documents';
import { badRequest } from '../errors';
import { cleanText, type PreparedSegment } from '../review/import';
import { CodeCollector, parseCodes, renderInline } from './placeholders';
import type { ExportRow } from './rows';
import type { Note, ParsedDocument } from './types';
import { attrString, attrsOf, childrenOf, element, elements, escapeXml, localName, parseXml, rootOf, tagOf, textOf } from './xml';

const norm = (text: string) => cleanText(text).replace(/\s+/g, ' ').trim();
const langOf = (attrs: Record<string, string>) => attrs['xml:lang'] ?? attrs.lang ?? '';
const sameLang = (a: string, b: string | undefined) => !!b && (a.toLowerCase() === b.toLowerCase() || a.toLowerCase().split('-')[0] === b.toLowerCase().split('-')[0]);

/**
 * Parses TMX 1.4b: each <tu> becomes a segment, the <tuv> in the header's srclang its source and the
 * other (the one in `targetLang` when given) its translation.
 */
export function parseTmx(text: string, what = 'The TMX file', targetLang?: string): ParsedDocument {
  const root = rootOf(parseXml(text, what));
  if (!root || localName(tagOf(root)!) !== 'tmx') throw badRequest('not-tmx', `${what} is XML but its root element is not <tmx>.`);
  const header = element(root, 'header');
  const body = element(root, 'body');
  if (!header || !body) throw badRequest('invalid-tmx', `${what} needs a <header> and a <body>.`);
  let sourceLang: string | undefined = attrsOf(header).srclang;
  if (sourceLang === '*all*') sourceLang = undefined;
  let foundTarget: string | undefined;
  const segments: PreparedSegment[] = [];
  elements(body, 'tu').forEach((tu, i) => {
    const tuvs = elements(tu, 'tuv');
    if (tuvs.length < 2) throw badRequest('invalid-tmx', `${what}: translation unit ${i + 1}${attrsOf(tu).tuid ? ` ("${attrsOf(tu).tuid}")` : ''} has ${tuvs.length} <tuv>; it needs a source and a target.`);
    sourceLang ??= langOf(attrsOf(tuvs[0]));
    const source = tuvs.find((t) => sameLang(langOf(attrsOf(t)), sourceLang)) ?? tuvs[0];
    const others = tuvs.filter((t) => t !== source);
    const target = others.find((t) => sameLang(langOf(attrsOf(t)), targetLang ?? foundTarget)) ?? others[0];
    foundTarget ??= langOf(attrsOf(target));
    const codes = new CodeCollector('tmx');
    const seg = (tuv: typeof tu) => element(tuv, 'seg') ?? {};
    const notes: Note[] = elements(tu, 'note').map((n) => ({ text: norm(textOf(n)) }));
    const segmentId = elements(tu, 'prop').find((p) => attrsOf(p).type === 'x-calque-segment-id');
    segments.push({
      paragraph: i,
      source: norm(codes.text(childrenOf(seg(source)))),
      mt: norm(codes.text(childrenOf(seg(target)))),
      unitId: attrsOf(tu).tuid ?? null,
      externalId: segmentId ? textOf(segmentId) : null,
      notes: notes.length ? JSON.stringify(notes) : null,
      codes: codes.empty ? null : JSON.stringify({ codes: codes.codes }),
    });
  });
  if (segments.length === 0) throw badRequest('empty-file', `${what} has no translation units.`);
  return { format: 'tmx', sourceLang, targetLang: targetLang ?? foundTarget, hasSource: true, segments };
}

/** TMX 1.4b of source / current-target pairs (segments with both), unit ids kept as tuid. */
export function* tmxChunks(doc: DocumentRow, rows: Iterable<ExportRow>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n`;
  yield `  <header${attrString({ creationtool: 'Calque', creationtoolversion: '0.1.0', segtype: 'sentence', 'o-tmf': 'calque', adminlang: 'en', srclang: doc.sourceLang, datatype: 'plaintext' })}/>\n  <body>\n`;
  for (const row of rows) {
    const s = row.segment;
    if (s.source.trim() === '' || s.text.trim() === '') continue;
    const codes = parseCodes(s.codes);
    const notes = s.notes ? (JSON.parse(s.notes) as Note[]) : [];
    yield `    <tu${attrString({ tuid: s.unitId ?? String(s.index + 1) })}>\n`
      + notes.map((n) => `      <note>${escapeXml(n.text)}</note>\n`).join('')
      + (s.externalId ? `      <prop type="x-calque-segment-id">${escapeXml(s.externalId)}</prop>\n` : '')
      + `      <tuv${attrString({ 'xml:lang': doc.sourceLang })}><seg>${renderInline(s.source, codes, 'tmx')}</seg></tuv>\n`
      + `      <tuv${attrString({ 'xml:lang': doc.targetLang })}><seg>${renderInline(s.text, codes, 'tmx')}</seg></tuv>\n    </tu>\n`;
  }
  yield '  </body>\n</tmx>\n';
}
