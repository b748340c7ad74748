import type { DocumentRow } from '../db/documents';
import type { SegmentStatus } from '../db/segments';
import { badRequest } from '../errors';
import { cleanText, type PreparedSegment } from '../review/import';
import { CodeCollector, parseCodes, renderInline, type CodeOrigin } from './placeholders';
import { units, type ExportRow } from './rows';
import type { Note, ParsedDocument } from './types';
import { ITS_NAMESPACE, targetWithIssues } from '../lqa/its';
import { attrString, attrsOf, childrenOf, element, elements, escapeXml, localName, parseXml, rootOf, serialize, tagOf, textOf, type XmlNode } from './xml';

/** XLIFF 2 segment states ↔ Calque statuses. */
const STATE_2: Record<SegmentStatus, string> = { new: 'initial', edited: 'translated', reviewed: 'reviewed', approved: 'final' };
/** XLIFF 1.2 target states ↔ Calque statuses. */
const STATE_12: Record<SegmentStatus, string> = { new: 'needs-review-translation', edited: 'translated', reviewed: 'signed-off', approved: 'final' };

const statusFrom2 = (state: string | undefined): SegmentStatus => (state === 'final' ? 'approved' : state === 'reviewed' ? 'reviewed' : 'new');
const statusFrom12 = (state: string | undefined, approved: string | undefined): SegmentStatus =>
  state === 'final' || approved === 'yes' ? 'approved' : state === 'signed-off' ? 'reviewed' : 'new';

/** Inline text as stored: control characters dropped, whitespace runs collapsed (XLIFF's default whitespace handling). */
const norm = (text: string) => cleanText(text).replace(/\s+/g, ' ').trim();

/** Parses XLIFF 1.2 or 2.x; throws a 400 naming what is wrong. */
export function parseXliff(text: string, what = 'The XLIFF file'): ParsedDocument {
  const root = rootOf(parseXml(text, what));
  if (!root || localName(tagOf(root)!) !== 'xliff') throw badRequest('not-xliff', `${what} is XML but its root element is not <xliff>.`);
  const version = attrsOf(root).version ?? '';
  if (/^2\.\d$/.test(version)) return parseXliff2(root, what);
  if (/^1\.[0-2]$/.test(version)) return parseXliff12(root, what);
  throw badRequest('unsupported-xliff-version', `${what} is XLIFF version "${version.slice(0, 20)}"; Calque reads XLIFF 1.2 and 2.x.`);
}

function parseXliff2(root: XmlNode, what: string): ParsedDocument {
  const segments: PreparedSegment[] = [];
  let paragraph = 0;
  const unit = (node: XmlNode) => {
    const unitId = attrsOf(node).id;
    if (!unitId) throw badRequest('invalid-xliff', `${what}: unit number ${paragraph + 1} has no id.`);
    const notes: Note[] = elements(element(node, 'notes') ?? {}, 'note').map((n) => ({ text: norm(textOf(n)), category: attrsOf(n).category }));
    const originalData = element(node, 'originalData');
    let first = true;
    for (const seg of elements(node, 'segment')) {
      const source = element(seg, 'source');
      if (!source) throw badRequest('invalid-xliff', `${what}: a segment of unit "${unitId}" has no <source>.`);
      const target = element(seg, 'target');
      const codes = new CodeCollector('xliff2');
      const src = norm(codes.text(childrenOf(source)));
      const mt = target ? norm(codes.text(childrenOf(target))) : '';
      const keepData = first && originalData !== undefined;
      segments.push({
        paragraph, source: src, mt,
        status: statusFrom2(attrsOf(seg).state),
        unitId, externalId: attrsOf(seg).id ?? null,
        notes: first && notes.length ? JSON.stringify(notes) : null,
        codes: codes.empty && !keepData ? null : JSON.stringify({ codes: codes.codes, originalData: keepData ? serialize(originalData) : undefined }),
      });
      first = false;
    }
    if (first) throw badRequest('invalid-xliff', `${what}: unit "${unitId}" has no <segment>.`);
    paragraph++;
  };
  const walk = (node: XmlNode) => {
    for (const child of childrenOf(node)) {
      const tag = tagOf(child);
      if (tag === 'group') walk(child);
      else if (tag === 'unit') unit(child);
    }
  };
  const files = elements(root, 'file');
  if (files.length === 0) throw badRequest('invalid-xliff', `${what} has no <file> element.`);
  files.forEach(walk);
  const attrs = attrsOf(root);
  return finish({ format: 'xliff', sourceLang: attrs.srcLang, targetLang: attrs.trgLang, hasSource: true, segments }, what);
}

function parseXliff12(root: XmlNode, what: string): ParsedDocument {
  const segments: PreparedSegment[] = [];
  let paragraph = 0;
  let sourceLang: string | undefined;
  let targetLang: string | undefined;
  const transUnit = (node: XmlNode) => {
    const attrs = attrsOf(node);
    if (!attrs.id) throw badRequest('invalid-xliff', `${what}: trans-unit number ${paragraph + 1} has no id.`);
    const source = element(node, 'source');
    if (!source) throw badRequest('invalid-xliff', `${what}: trans-unit "${attrs.id}" has no <source>.`);
    const target = element(node, 'target');
    const notes: Note[] = elements(node, 'note').map((n) => ({ text: norm(textOf(n)), from: attrsOf(n).from }));
    const status = statusFrom12(target && attrsOf(target).state, attrs.approved);
    const segSource = element(node, 'seg-source');
    const marks = (n: XmlNode | undefined) => childrenOf(n ?? {}).filter((c) => tagOf(c) === 'mrk' && attrsOf(c).mtype === 'seg');
    const sourceMarks = marks(segSource);
    const base = { paragraph, unitId: attrs.id, status };
    if (sourceMarks.length === 0) {
      const codes = new CodeCollector('xliff12');
      const src = norm(codes.text(childrenOf(source)));
      const mt = target ? norm(codes.text(childrenOf(target))) : '';
      segments.push({ ...base, source: src, mt, externalId: null, notes: notes.length ? JSON.stringify(notes) : null, codes: codes.empty ? null : JSON.stringify({ codes: codes.codes }) });
    } else {
      const targetMarks = new Map(marks(target).map((m) => [attrsOf(m).mid, m]));
      sourceMarks.forEach((mark, i) => {
        const mid = attrsOf(mark).mid ?? String(i + 1);
        const codes = new CodeCollector('xliff12');
        const src = norm(codes.text(childrenOf(mark)));
        const targetMark = targetMarks.get(mid);
        const mt = targetMark ? norm(codes.text(childrenOf(targetMark))) : '';
        segments.push({ ...base, source: src, mt, externalId: mid, notes: i === 0 && notes.length ? JSON.stringify(notes) : null, codes: codes.empty ? null : JSON.stringify({ codes: codes.codes }) });
      });
    }
    paragraph++;
  };
  const walk = (node: XmlNode) => {
    for (const child of childrenOf(node)) {
      const tag = tagOf(child);
      if (tag === 'group' || tag === 'body') walk(child);
      else if (tag === 'trans-unit') transUnit(child);
    }
  };
  const files = elements(root, 'file');
  if (files.length === 0) throw badRequest('invalid-xliff', `${what} has no <file> element.`);
  for (const file of files) {
    sourceLang ??= attrsOf(file)['source-language'];
    targetLang ??= attrsOf(file)['target-language'];
    walk(file);
  }
  return finish({ format: 'xliff12', sourceLang, targetLang, hasSource: true, segments }, what);
}

function finish(doc: ParsedDocument, what: string): ParsedDocument {
  if (doc.segments.length === 0) throw badRequest('empty-file', `${what} has no translation units.`);
  if (doc.segments.every((s) => s.mt === '')) throw badRequest('no-targets', `${what} has no <target> text to review: translate it first, or import the source with a machine translation.`);
  return doc;
}

const NO_SPACE_LANGS = /^(zh|ja|th|lo|km|my)\b/i;

/** Notes a reviewer left: comments on the segment and the reasons given for rejected proposals. */
function reviewNotes(row: ExportRow): Note[] {
  const notes: Note[] = row.comments.map((c) => ({ text: c.body, from: c.author, category: 'review' }));
  for (const p of row.proposals) {
    if (p.state === 'rejected' && p.reason) notes.push({ text: `Rejected "${p.text}": ${p.reason}`, from: p.decidedBy ?? undefined, category: 'review' });
  }
  return notes;
}

const importedNotes = (row: ExportRow): Note[] => (row.segment.notes ? (JSON.parse(row.segment.notes) as Note[]) : []);
const inline = (row: ExportRow, field: 'source' | 'text', format: CodeOrigin) => renderInline(row.segment[field], parseCodes(row.segment.codes), format);

/** XLIFF 2.0 of the document: reviewed target, segment state, imported and reviewer notes, inline codes restored. */
export function* xliff2Chunks(doc: DocumentRow, rows: Iterable<ExportRow>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"${attrString({ srcLang: doc.sourceLang, trgLang: doc.targetLang, 'xmlns:its': ITS_NAMESPACE, 'its:version': '2.0' })}>\n`;
  yield `  <file${attrString({ id: 'f1', original: doc.title })}>\n`;
  for (const unit of units(rows)) {
    let out = `    <unit${attrString({ id: unit.id })}>\n`;
    const targets = unit.rows.map((r) => targetWithIssues(r.segment, r.annotations, (text) => renderInline(text, parseCodes(r.segment.codes), 'xliff2')));
    const notes = [...unit.rows.flatMap((r) => [...importedNotes(r), ...reviewNotes(r)]), ...targets.flatMap((t) => t.notes)];
    if (notes.length) out += `      <notes>\n${notes.map((n) => `        <note${attrString({ category: n.category })}>${escapeXml(n.text)}</note>\n`).join('')}      </notes>\n`;
    const originalData = parseCodes(unit.rows[0].segment.codes)?.originalData;
    if (originalData) out += `      ${originalData}\n`;
    unit.rows.forEach((row, i) => {
      out += `      <segment${attrString({ id: row.segment.externalId, state: STATE_2[row.segment.status] })}>\n`
        + `        <source>${inline(row, 'source', 'xliff2')}</source>\n`
        + `        <target>${targets[i].target}</target>\n      </segment>\n`;
    });
    yield out + '    </unit>\n';
  }
  yield '  </file>\n</xliff>\n';
}

/** XLIFF 1.2 of the document; a unit of several segments is written with <seg-source> and <mrk mtype="seg">. */
export function* xliff12Chunks(doc: DocumentRow, rows: Iterable<ExportRow>): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n`;
  yield `  <file${attrString({ original: doc.title, 'source-language': doc.sourceLang, 'target-language': doc.targetLang, datatype: 'plaintext' })}>\n    <body>\n`;
  const joiner = NO_SPACE_LANGS.test(doc.targetLang) ? '' : ' ';
  const sourceJoiner = NO_SPACE_LANGS.test(doc.sourceLang) ? '' : ' ';
  for (const unit of units(rows)) {
    // The unit's state is the least advanced of its segments.
    const order: SegmentStatus[] = ['new', 'edited', 'reviewed', 'approved'];
    const status = unit.rows.map((r) => r.segment.status).reduce((a, b) => (order.indexOf(a) <= order.indexOf(b) ? a : b));
    let out = `      <trans-unit${attrString({ id: unit.id, approved: status === 'approved' ? 'yes' : undefined })}>\n`;
    const single = unit.rows.length === 1 && !unit.rows[0].segment.externalId;
    if (single) {
      out += `        <source>${inline(unit.rows[0], 'source', 'xliff12')}</source>\n`
        + `        <target${attrString({ state: STATE_12[status] })}>${inline(unit.rows[0], 'text', 'xliff12')}</target>\n`;
    } else {
      const mid = (r: ExportRow, i: number) => r.segment.externalId ?? String(i + 1);
      out += `        <source>${unit.rows.map((r) => inline(r, 'source', 'xliff12')).join(sourceJoiner)}</source>\n`
        + `        <seg-source>${unit.rows.map((r, i) => `<mrk mtype="seg"${attrString({ mid: mid(r, i) })}>${inline(r, 'source', 'xliff12')}</mrk>`).join(sourceJoiner)}</seg-source>\n`
        + `        <target${attrString({ state: STATE_12[status] })}>${unit.rows.map((r, i) => `<mrk mtype="seg"${attrString({ mid: mid(r, i) })}>${inline(r, 'text', 'xliff12')}</mrk>`).join(joiner)}</target>\n`;
    }
    for (const n of unit.rows.flatMap((r) => [...importedNotes(r), ...reviewNotes(r)])) {
      out += `        <note${attrString({ from: n.from, annotates: n.category === 'review' ? 'target' : undefined })}>${escapeXml(n.text)}</note>\n`;
    }
    yield out + '      </trans-unit>\n';
  }
  yield '    </body>\n  </file>\n</xliff>\n';
}
