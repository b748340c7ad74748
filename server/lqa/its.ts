import type { LqaAnnotation } from '../db/lqa';
import type { SegmentRow } from '../db/segments';
import type { Note } from '../formats/types';
import { attrString } from '../formats/xml';
import { ITS_SEVERITY, itsType } from './mqm';

export const ITS_NAMESPACE = 'http://www.w3.org/2005/11/its';

const PLACEHOLDER_PART = /[⟦⟧]/;

/** Where an annotation of the current text sits now: its offsets, or undefined when its words are gone. */
function placed(segment: SegmentRow, a: LqaAnnotation): { start: number; end: number } | undefined {
  if (a.field !== 'text') return undefined;
  if (segment.text.slice(a.start, a.end) === a.text && (a.start < a.end || a.segmentVersion === segment.version)) return { start: a.start, end: a.end };
  if (a.text === '') return undefined;
  const at = segment.text.indexOf(a.text);
  return at < 0 || segment.text.indexOf(a.text, at + 1) >= 0 ? undefined : { start: at, end: at + a.text.length };
}

const describe = (a: LqaAnnotation) => `${a.category}${a.subcategory ? `/${a.subcategory}` : ''}, ${a.severity}`;

/**
 * The target of an XLIFF 2 segment with the reviewer's annotations as ITS 2.0 Localization
 * Quality Issue markup: each annotated span (or omission point) becomes an <mrk> carrying
 * its:locQualityIssueType, Severity (0–100) and Comment. Annotations that cannot be marked inline
 * (on the MT, overlapping another, across inline codes, or on words since edited away) come back
 * as notes, so none is lost.
 */
export function targetWithIssues(segment: SegmentRow, annotations: LqaAnnotation[], render: (text: string) => string): { target: string; notes: Note[] } {
  const notes: Note[] = [];
  const marks: Array<{ start: number; end: number; a: LqaAnnotation }> = [];
  for (const a of [...annotations].sort((x, y) => x.start - y.start || x.id - y.id)) {
    const at = placed(segment, a);
    const free = at && !PLACEHOLDER_PART.test(segment.text.slice(at.start, at.end)) && !insidePlaceholder(segment.text, at.start) && !insidePlaceholder(segment.text, at.end);
    if (at && free && marks.every((m) => m.end <= at.start || at.end <= m.start)) marks.push({ ...at, a });
    else notes.push({ category: 'lqa', from: a.createdBy, text: `${a.field === 'mt' ? 'On the MT' : 'Issue'} (${describe(a)})${a.text ? `: "${a.text}"` : ' (omission)'}${a.note ? ` - ${a.note}` : ''}` });
  }
  marks.sort((x, y) => x.start - y.start);
  let out = '';
  let last = 0;
  for (const { start, end, a } of marks) {
    out += render(segment.text.slice(last, start));
    const attrs = attrString({
      id: `lqi${a.id}`,
      type: 'its:generic',
      'its:locQualityIssueType': itsType(a.category, a.subcategory),
      'its:locQualityIssueSeverity': String(ITS_SEVERITY[a.severity]),
      'its:locQualityIssueComment': `${describe(a)}${a.note ? `: ${a.note}` : ''}`,
    });
    out += `<mrk${attrs}>${render(segment.text.slice(start, end))}</mrk>`;
    last = end;
  }
  return { target: out + render(segment.text.slice(last)), notes };
}

/** Whether an offset falls between ⟦ and ⟧ of a placeholder. */
function insidePlaceholder(text: string, at: number): boolean {
  const open = text.lastIndexOf('⟦', at - 1);
  return open >= 0 && text.indexOf('⟧', open) >= at;
}
