// Shows in the grid what the whole-document tools know about a row: the reviewer's error
// annotations under its text, and a mark on rows the import found likely misaligned.
import { callJson } from './json-api.js';

interface Annotation { segmentId: number; field: 'text' | 'mt'; text: string; category: string; subcategory: string | null; severity: string; note: string | null; createdBy: string }
interface Alignment {
  note: { sourceParagraphs: number; mtParagraphs: number; sourceSentences: number; mtSentences: number; differs: boolean } | null;
  suspects: Array<{ segmentId: number; reason: string }>;
}

let annotations: Annotation[] = [];
let suspects = new Map<number, string>();

function decorate(row: HTMLTableRowElement): void {
  const id = Number(row.dataset.segment);
  row.querySelector('.lqa-list')?.remove();
  const mine = annotations.filter((a) => a.segmentId === id);
  if (mine.length) {
    const list = document.createElement('ul');
    list.className = 'lqa-list';
    list.setAttribute('aria-label', 'error annotations');
    for (const a of mine) {
      const item = document.createElement('li');
      item.className = `lqa severity-${a.severity}`;
      const kind = a.subcategory ? `${a.category} › ${a.subcategory}` : a.category;
      item.textContent = `${a.severity} ${kind}${a.field === 'mt' ? ' (MT)' : ''}: ${a.text ? `“${a.text}”` : 'omission'}${a.note ? ` — ${a.note}` : ''} · ${a.createdBy}`;
      list.append(item);
    }
    row.querySelector('td.col-text')?.append(list);
  }
  const reason = suspects.get(id);
  row.classList.toggle('misaligned', reason !== undefined);
  const num = row.querySelector<HTMLElement>('td.col-num');
  num?.querySelector('.misaligned-mark')?.remove();
  if (reason !== undefined && num) {
    const mark = document.createElement('span');
    mark.className = 'misaligned-mark';
    mark.title = `Maybe misaligned: ${reason}`;
    mark.textContent = '⇅';
    mark.setAttribute('aria-label', `maybe misaligned: ${reason}`);
    num.append(mark);
  }
}

export async function installDocumentMarks(): Promise<void> {
  const documentId = document.querySelector<HTMLElement>('table.grid[data-document]')?.dataset.document;
  if (!documentId) return;
  const [a, b] = await Promise.all([
    callJson<Annotation[]>('GET', `/api/documents/${documentId}/annotations`),
    callJson<Alignment>('GET', `/api/documents/${documentId}/alignment`),
  ]);
  if (a.ok) annotations = a.value;
  if (b.ok) suspects = new Map(b.value.suspects.map((s) => [s.segmentId, s.reason]));
  if (b.ok && b.value.note?.differs) showAlignmentNotice(documentId, b.value);
  if (annotations.length === 0 && suspects.size === 0) return;
  document.querySelectorAll<HTMLTableRowElement>('tr.segment[data-segment]').forEach(decorate);
  document.addEventListener('calque:row-updated', (e) => {
    if (e.target instanceof HTMLTableRowElement) decorate(e.target);
  });
}

/** After the selection panel marks an error, the row shows it at once. */
export function annotationAdded(a: Annotation): void {
  annotations.push(a);
  const row = document.querySelector<HTMLTableRowElement>(`tr.segment[data-segment="${a.segmentId}"]`);
  if (row) decorate(row);
}

/** Says above the grid that source and MT counts differed at import, with a link to the repairs. */
function showAlignmentNotice(documentId: string, alignment: Alignment): void {
  const note = alignment.note!;
  const p = document.createElement('p');
  p.className = 'notice warn alignment-notice';
  p.setAttribute('role', 'note');
  p.append(`The source has ${note.sourceParagraphs} paragraphs and ${note.sourceSentences} sentences, the machine translation ${note.mtParagraphs} and ${note.mtSentences}: `
    + `${alignment.suspects.length} row${alignment.suspects.length === 1 ? ' is' : 's are'} marked ⇅ as maybe misaligned. `);
  const link = document.createElement('a');
  link.href = `/documents/${documentId}/tools#alignment`;
  link.textContent = 'Repair the alignment';
  p.append(link);
  document.querySelector('.toolbar')?.before(p);
}
