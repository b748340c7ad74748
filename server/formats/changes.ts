import { csvLine } from './csv';
import type { ExportRow } from './rows';

/** One decided proposal: what the change log lists. */
export interface ChangeRecord {
  segment: number;
  segmentId: number;
  unitId: string | null;
  before: string;
  after: string;
  author: string;
  decision: 'accepted' | 'rejected';
  decidedBy: string | null;
  reason: string | null;
  time: string | null;
  rule: string | null;
}

export const CHANGE_COLUMNS: Array<keyof ChangeRecord> = ['segment', 'segmentId', 'unitId', 'before', 'after', 'author', 'decision', 'decidedBy', 'reason', 'time', 'rule'];

/** The decided proposals of the document, segment by segment, in the order they were made. */
export function* changeRecords(rows: Iterable<ExportRow>): Generator<ChangeRecord> {
  for (const { segment, proposals } of rows) {
    // Text of each version: 1 is the MT, an accepted proposal on version v made version v + 1.
    const versions = new Map<number, string>([[1, segment.mt]]);
    for (const p of proposals) if (p.state === 'accepted') versions.set(p.baseVersion + 1, p.text);
    for (const p of proposals) {
      if (p.state === 'pending') continue;
      const before = p.state === 'accepted' && p.replacedText !== null && p.replacedText !== undefined ? p.replacedText
        : versions.get(p.baseVersion) ?? (p.baseVersion === segment.version ? segment.text : '');
      yield {
        segment: segment.index + 1,
        segmentId: segment.id,
        unitId: segment.unitId ?? null,
        before,
        after: p.text,
        author: p.author,
        decision: p.state,
        decidedBy: p.decidedBy,
        reason: p.reason,
        time: p.decidedAt,
        rule: p.origin === 'rule' ? p.ruleId : null,
      };
    }
  }
}

export function* changesCsvChunks(rows: Iterable<ExportRow>): Generator<string> {
  yield '\uFEFF' + csvLine(CHANGE_COLUMNS);
  for (const r of changeRecords(rows)) yield csvLine(CHANGE_COLUMNS.map((c) => r[c]));
}

/** A reviewer's error annotation as the change log lists it, after the changes. */
export interface AnnotationRecord {
  record: 'error-annotation';
  segment: number;
  segmentId: number;
  unitId: string | null;
  field: 'text' | 'mt';
  start: number;
  end: number;
  text: string;
  segmentVersion: number;
  category: string;
  subcategory: string | null;
  severity: string;
  note: string | null;
  author: string;
  time: string;
  version: number;
}

/**
 * A JSON array written one record at a time: the decided proposals, then (when asked for with
 * the rows' annotations) the reviewer's open error annotations, marked record: "error-annotation".
 */
export function* changesJsonChunks(rows: Iterable<ExportRow>): Generator<string> {
  let first = true;
  yield '[';
  const annotations: AnnotationRecord[] = [];
  const collected = (function* () {
    for (const row of rows) {
      for (const a of row.annotations ?? []) {
        annotations.push({ record: 'error-annotation', segment: row.segment.index + 1, segmentId: row.segment.id, unitId: row.segment.unitId ?? null, field: a.field, start: a.start, end: a.end, text: a.text,
          segmentVersion: a.segmentVersion, category: a.category, subcategory: a.subcategory, severity: a.severity, note: a.note, author: a.createdBy, time: a.updatedAt ?? a.createdAt, version: a.version });
      }
      yield row;
    }
  })();
  for (const r of changeRecords(collected)) {
    yield (first ? '\n  ' : ',\n  ') + JSON.stringify(r);
    first = false;
  }
  for (const a of annotations) {
    yield (first ? '\n  ' : ',\n  ') + JSON.stringify(a);
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
