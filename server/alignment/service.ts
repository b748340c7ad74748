import type { Store } from '../db/store';
import type { Flagger } from '../checks/engine';
import type { SegmentRow, SegmentStatus } from '../db/segments';
import type { AlignmentDetails, AlignmentNote, AlignmentOp, SavedSegment } from '../db/alignment';
import type { ReviewService } from '../review/review';
import { badRequest, conflict, notFound } from '../errors';
import { countWords } from '../text/tokens';
import { wordEdits } from '../text/word-diff';
import { splitSentences } from '../text/segment';
import { ALIGNMENT_KEY } from './import-extras';

type Side = 'source' | 'mt';
type Fields = Pick<SegmentRow, 'source' | 'mt' | 'text'>;

const NO_SPACE = /^(zh|ja|yue|wuu|lzh|th|lo|km|my)\b/i;

/**
 * Alignment repairs: merge a row with the next, split a row at a point (source and MT each at its
 * own point), move the first or last sentence of a side to the neighbouring row. Each is one
 * transaction, logged, and recorded with the rows it replaced so that it can be undone while the
 * rows it left are untouched. Findings of the touched rows are computed again, and the document
 * checks re-run.
 */
export class AlignmentService {
  constructor(
    private readonly store: Store,
    private readonly flagger: Flagger,
    private readonly review: ReviewService,
    /** Told when rows were added, removed or their source changed (repetitions count sources). */
    private readonly rowsChanged: (documentId: number) => void = () => {},
  ) {}

  /** What the import found about source and MT counts, the rows marked as suspect, and the repairs made. */
  status(documentId: number): { note: AlignmentNote | null; suspects: Array<{ segmentId: number; index: number; reason: string }>; repairs: AlignmentOp[] } {
    if (!this.store.documents.get(documentId)) throw notFound(`Document ${documentId}`);
    return {
      note: this.store.settings.get<AlignmentNote>(documentId, ALIGNMENT_KEY) ?? null,
      suspects: this.store.alignment.marks(documentId),
      repairs: this.store.alignment.ops(documentId),
    };
  }

  merge(segmentId: number, input: { baseVersion?: unknown; nextVersion?: unknown }, actor: string): { opId: number; segment: SegmentRow } {
    return this.store.transaction(() => {
      const a = this.segment(segmentId);
      this.guard(a, input.baseVersion);
      const b = this.store.alignment.at(a.documentId, a.index + 1);
      if (!b) throw badRequest('no-next-segment', `Segment ${a.index + 1} is the last one: there is nothing to merge it with.`);
      this.guard(b, input.nextVersion);
      const doc = this.store.documents.get(a.documentId)!;
      const merged: Fields = {
        source: join(a.source, b.source, NO_SPACE.test(doc.sourceLang) ? '' : ' '),
        mt: join(a.mt, b.mt, NO_SPACE.test(doc.targetLang) ? '' : ' '),
        text: join(a.text, b.text, NO_SPACE.test(doc.targetLang) ? '' : ' '),
      };
      const textShift = a.text === '' ? 0 : a.text.length + (b.text === '' || NO_SPACE.test(doc.targetLang) ? 0 : 1);
      const mtShift = a.mt === '' ? 0 : a.mt.length + (b.mt === '' || NO_SPACE.test(doc.targetLang) ? 0 : 1);
      const children = this.store.alignment.childIds(b.id);
      this.store.alignment.moveChildren(a.id, children, textShift, mtShift);
      this.store.alignment.delete(b.id);
      this.store.alignment.closeGap(a.documentId, b.index);
      const written = this.rewrite(a, merged, actor);
      this.store.alignment.unmark(a.id);
      return this.finish(a.documentId, 'merge', { before: [save(a), save(b)], after: [{ id: a.id, version: written.version }], moved: { from: b.id, to: a.id, ...children, textShift, mtShift } }, actor,
        { segmentId: a.id, merged: b.id, segment: a.index + 1 }, written);
    });
  }

  split(segmentId: number, input: { sourceAt?: unknown; mtAt?: unknown; textAt?: unknown; baseVersion?: unknown }, actor: string): { opId: number; segment: SegmentRow; created: SegmentRow } {
    return this.store.transaction(() => {
      const a = this.segment(segmentId);
      this.guard(a, input.baseVersion);
      const sourceAt = point(input.sourceAt, a.source, 'sourceAt');
      const mtAt = point(input.mtAt, a.mt, 'mtAt');
      if (sourceAt === undefined && mtAt === undefined) throw badRequest('missing-field', 'Give where to split: "sourceAt", "mtAt" or both (character offsets).');
      let textAt = point(input.textAt, a.text, 'textAt');
      if (textAt === undefined) {
        if (a.text !== a.mt) throw badRequest('missing-field', 'The segment was edited: give "textAt", where to split the current text.');
        textAt = mtAt ?? a.text.length;
      }
      const first: Fields = { source: a.source.slice(0, sourceAt ?? a.source.length).trim(), mt: a.mt.slice(0, mtAt ?? a.mt.length).trim(), text: a.text.slice(0, textAt).trim() };
      const second: Fields = { source: a.source.slice(sourceAt ?? a.source.length).trim(), mt: a.mt.slice(mtAt ?? a.mt.length).trim(), text: a.text.slice(textAt).trim() };
      if (first.source === a.source && first.mt === a.mt && first.text === a.text) throw badRequest('no-change', 'Splitting there leaves the segment as it is.');
      this.store.alignment.openGap(a.documentId, a.index + 1);
      const createdId = this.store.alignment.insert(a.documentId, {
        index: a.index + 1, paragraph: a.paragraph, ...second, status: statusOf(second), version: 1, updatedBy: actor, updatedAt: new Date().toISOString(),
        wordCount: countWords(second.text), editCount: wordEdits(second.mt, second.text), unitId: a.unitId, externalId: null, notes: null, codes: a.codes,
      });
      const created = this.segment(createdId);
      this.reflag(created);
      const written = this.rewrite(a, first, actor);
      return {
        ...this.finish(a.documentId, 'split', { before: [save(a)], after: [{ id: a.id, version: written.version }, { id: createdId, version: 1 }] }, actor,
          { segmentId: a.id, created: createdId, segment: a.index + 1, sourceAt, mtAt, textAt }, written),
        created: this.segment(createdId),
      };
    });
  }

  /** Moves the last sentence of a side down to the next row, or the first one up to the row before. */
  move(segmentId: number, input: { side?: unknown; direction?: unknown; baseVersion?: unknown; otherVersion?: unknown }, actor: string): { opId: number; segment: SegmentRow; other: SegmentRow } {
    const side = input.side;
    if (side !== 'source' && side !== 'mt') throw badRequest('invalid-field', '"side" must be "source" or "mt".');
    const direction = input.direction;
    if (direction !== 'up' && direction !== 'down') throw badRequest('invalid-field', '"direction" must be "up" or "down".');
    return this.store.transaction(() => {
      const row = this.segment(segmentId);
      this.guard(row, input.baseVersion);
      const other = this.store.alignment.at(row.documentId, row.index + (direction === 'up' ? -1 : 1));
      if (!other) throw badRequest('no-neighbour', `Segment ${row.index + 1} has no segment ${direction === 'up' ? 'before' : 'after'} it.`);
      this.guard(other, input.otherVersion);
      const doc = this.store.documents.get(row.documentId)!;
      const lang = side === 'source' ? doc.sourceLang : doc.targetLang;
      const joiner = NO_SPACE.test(lang) ? '' : ' ';
      const fields: Array<'source' | 'mt' | 'text'> = side === 'source' ? ['source'] : ['mt', 'text'];
      const rowFields: Fields = { source: row.source, mt: row.mt, text: row.text };
      const otherFields: Fields = { source: other.source, mt: other.mt, text: other.text };
      for (const field of fields) {
        const sentences = splitSentences(row[field], lang).map((s) => s.text);
        if (sentences.length === 0) {
          if (field === fields[0]) throw badRequest('nothing-to-move', `Segment ${row.index + 1} has no ${side === 'source' ? 'source' : 'machine translation'} sentence to move.`);
          continue;
        }
        const moved = direction === 'up' ? sentences.shift()! : sentences.pop()!;
        rowFields[field] = sentences.join(joiner);
        otherFields[field] = direction === 'up' ? join(other[field], moved, joiner) : join(moved, other[field], joiner);
      }
      const writtenRow = this.rewrite(row, rowFields, actor);
      const writtenOther = this.rewrite(other, otherFields, actor);
      const result = this.finish(row.documentId, 'move', { before: [save(row), save(other)], after: [{ id: row.id, version: writtenRow.version }, { id: other.id, version: writtenOther.version }] }, actor,
        { segmentId: row.id, other: other.id, segment: row.index + 1, side, direction }, writtenRow);
      return { ...result, other: this.segment(other.id) };
    });
  }

  /** Undoes a repair while the rows it left have not changed since. */
  undo(opId: number, actor: string): { opId: number } {
    return this.store.transaction(() => {
      const op = this.store.alignment.op(opId);
      if (!op) throw notFound(`Alignment repair ${opId}`);
      if (op.undoneAt) throw conflict('already-undone', `Alignment repair ${opId} was already undone.`);
      const { before, after, moved } = op.details;
      for (const a of after) {
        const now = this.store.segments.get(a.id);
        if (!now || now.version !== a.version) throw conflict('undo-too-late', `Segment ${now ? now.index + 1 : a.id} changed after the repair; repair it again instead.`);
      }
      const beforeIds = new Set(before.map((b) => b.id));
      // Rows the repair made (a split's second half) go, if nothing was attached to them since.
      for (const a of after.filter((x) => !beforeIds.has(x.id))) {
        const row = this.segment(a.id);
        if (this.store.alignment.childCount(a.id) > 0) throw conflict('undo-too-late', `Segment ${row.index + 1} has comments, proposals or annotations since the repair; repair it again instead.`);
        this.store.alignment.delete(a.id);
        this.store.alignment.closeGap(op.documentId, row.index);
      }
      const afterIds = new Set(after.map((a) => a.id));
      // Rows the repair merged away come back under their own id, with what had moved from them.
      for (const b of before.filter((x) => !afterIds.has(x.id)).sort((x, y) => x.index - y.index)) {
        this.store.alignment.openGap(op.documentId, b.index);
        this.store.alignment.insert(op.documentId, { ...b, version: b.version + 1, updatedBy: actor, updatedAt: new Date().toISOString() });
        if (moved && moved.from === b.id) this.store.alignment.moveChildren(b.id, moved, -moved.textShift, -moved.mtShift);
        this.reflag(this.segment(b.id));
      }
      for (const b of before.filter((x) => afterIds.has(x.id))) {
        const current = this.segment(b.id);
        this.rewrite(current, { source: b.source, mt: b.mt, text: b.text }, actor);
      }
      this.store.alignment.markUndone(opId, actor);
      this.review.documentResized(op.documentId);
      this.rowsChanged(op.documentId);
      this.review.recheckDocument(op.documentId);
      this.store.events.record({ actor, action: 'alignment.undone', documentId: op.documentId, segmentId: before[0].id, details: { opId, kind: op.kind, segment: before[0].index + 1 } });
      return { opId };
    });
  }

  private segment(id: number): SegmentRow {
    const s = this.store.segments.get(id);
    if (!s) throw notFound(`Segment ${id}`);
    return s;
  }

  private guard(segment: SegmentRow, version: unknown): void {
    if (version === undefined || version === null) return;
    if (version !== segment.version) {
      throw conflict('stale-version', `Segment ${segment.index + 1} changed since you loaded it (you had version ${String(version)}, it is now at ${segment.version}).`, { current: { segmentId: segment.id, text: segment.text, version: segment.version } });
    }
  }

  /** Writes new source, MT and text as the next version, and flags the row again. */
  private rewrite(segment: SegmentRow, fields: Fields, actor: string): SegmentRow {
    this.store.alignment.write(segment.id, { ...fields, status: statusOf(fields), version: segment.version + 1, wordCount: countWords(fields.text), editCount: wordEdits(fields.mt, fields.text) }, actor);
    const written = this.segment(segment.id);
    this.reflag(written);
    return written;
  }

  private reflag(segment: SegmentRow): void {
    this.store.findings.replace(segment.id, 'mt', this.flagger.flag({ text: segment.mt, source: segment.source }));
    this.store.findings.replace(segment.id, 'text', this.flagger.flag({ text: segment.text, source: segment.source }));
  }

  private finish(documentId: number, kind: AlignmentOp['kind'], details: AlignmentDetails, actor: string, log: Record<string, unknown>, segment: SegmentRow): { opId: number; segment: SegmentRow } {
    const opId = this.store.alignment.recordOp(documentId, kind, details, actor);
    this.review.documentResized(documentId);
    this.rowsChanged(documentId);
    this.review.recheckDocument(documentId);
    this.store.events.record({ actor, action: `alignment.${kind === 'merge' ? 'merged' : kind === 'split' ? 'split' : 'moved'}`, documentId, segmentId: segment.id, details: { opId, ...log } });
    return { opId, segment: this.segment(segment.id) };
  }
}

function join(a: string, b: string, joiner: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return a + joiner + b;
}

function point(value: unknown, text: string, name: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > text.length) {
    throw badRequest('invalid-field', `"${name}" must be a character offset from 0 to ${text.length}.`);
  }
  const insideCode = value > 0 && text.lastIndexOf('⟦', value - 1) > text.lastIndexOf('⟧', value - 1);
  if (/[\uDC00-\uDFFF]/.test(text[value] ?? '') || insideCode) {
    throw badRequest('invalid-field', `"${name}" falls inside a character or an inline code.`);
  }
  return value;
}

/** A repaired row is to be reviewed again: edited when its text is not the MT, else new. */
function statusOf(fields: Fields): SegmentStatus {
  return fields.text !== fields.mt ? 'edited' : 'new';
}

function save(s: SegmentRow): SavedSegment {
  const { documentId: _d, ...rest } = s;
  return rest;
}
