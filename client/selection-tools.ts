// Select words in a row's current text or MT to mark an error (MQM) or add them to the glossary;
// mark an omission just after them; select words of the source to add a glossary entry. A small
// panel opens beside the selection.
import { rowOf } from './dom.js';
import { callJson } from './json-api.js';
import { annotationAdded } from './document-marks.js';

const CELLS = '.current-text, .mt-text, td.col-source';
const CATEGORIES: Record<string, string[]> = {
  accuracy: ['mistranslation', 'addition', 'omission', 'untranslated', 'overtranslation', 'undertranslation', 'do-not-translate'],
  fluency: ['grammar', 'spelling', 'punctuation', 'unintelligible', 'character-encoding', 'inconsistency'],
  terminology: ['inconsistent-with-termbase', 'inconsistent-use', 'wrong-term'],
  style: ['awkward', 'unidiomatic', 'register', 'inconsistent-style', 'organizational-style'],
  locale: ['number-format', 'date-format', 'time-format', 'currency-format', 'measurement-format', 'address-format'],
};

interface Picked {
  row: HTMLTableRowElement;
  field: 'text' | 'mt' | 'source';
  start: number;
  end: number;
  words: string;
}

let panel: HTMLElement | null = null;

function close(): void {
  panel?.remove();
  panel = null;
}

/** Offsets of the selection in the cell's text (the text the server stores, for the current text). */
function picked(): Picked | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const cell = (range.startContainer instanceof Element ? range.startContainer : range.startContainer.parentElement)?.closest<HTMLElement>(CELLS);
  if (!cell || !cell.contains(range.endContainer)) return null;
  const row = rowOf(cell);
  if (!row) return null;
  const before = document.createRange();
  before.selectNodeContents(cell);
  before.setEnd(range.startContainer, range.startOffset);
  let start = before.toString().length;
  const words = range.toString();
  const field = cell.matches('.current-text') ? 'text' : cell.matches('.mt-text') ? 'mt' : 'source';
  // The stored text is in the editor's textarea; use it when the highlighted cell reads differently.
  const stored = field === 'text' ? row.querySelector<HTMLTextAreaElement>('textarea[name=text]')?.value : undefined;
  if (stored !== undefined && stored.slice(start, start + words.length) !== words) start = stored.indexOf(words);
  if (start < 0) return null;
  return { row, field, start, end: start + words.length, words };
}

function option(value: string, label: string, selected = false): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  o.selected = selected;
  return o;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.append(text + ' ', control);
  return label;
}

function open(p: Picked, at: DOMRect): void {
  close();
  const box = document.createElement('form');
  box.className = 'selection-panel';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', 'selected words');
  box.style.top = `${window.scrollY + at.bottom + 6}px`;
  box.style.left = `${window.scrollX + at.left}px`;
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  const quote = document.createElement('p');
  quote.textContent = `“${p.words}”`;
  box.append(quote);
  const segmentId = p.row.dataset.segment!;
  const documentId = document.querySelector<HTMLElement>('[data-document]')?.dataset.document ?? '';

  if (p.field !== 'source') {
    const category = document.createElement('select');
    category.name = 'category';
    for (const [name, subs] of Object.entries(CATEGORIES)) {
      category.append(option(name, name));
      for (const sub of subs) category.append(option(`${name}/${sub}`, `${name} › ${sub}`));
    }
    const severity = document.createElement('select');
    severity.name = 'severity';
    for (const s of ['neutral', 'minor', 'major', 'critical']) severity.append(option(s, s, s === 'minor'));
    const note = document.createElement('input');
    note.name = 'note';
    const mark = document.createElement('button');
    mark.type = 'button';
    mark.textContent = 'Mark error';
    mark.addEventListener('click', async () => {
      const [cat, sub] = category.value.split('/');
      const reply = await callJson<Parameters<typeof annotationAdded>[0]>('POST', `/api/segments/${segmentId}/annotations`, { field: p.field, start: p.start, end: p.end, category: cat, subcategory: sub ?? null, severity: severity.value, note: note.value });
      status.textContent = reply.ok ? `Marked a ${severity.value} ${category.value.replace('/', ' › ')} error.` : reply.message;
      if (reply.ok) annotationAdded(reply.value);
    });
    // An omission is at a point: just after the selected words, what the translation left out.
    const omission = document.createElement('button');
    omission.type = 'button';
    omission.textContent = 'Omission after these words';
    omission.addEventListener('click', async () => {
      const reply = await callJson<Parameters<typeof annotationAdded>[0]>('POST', `/api/segments/${segmentId}/annotations`, { field: p.field, start: p.end, end: p.end, category: 'accuracy', subcategory: 'omission', severity: severity.value, note: note.value });
      status.textContent = reply.ok ? `Marked a ${severity.value} omission after “${p.words}”.` : reply.message;
      if (reply.ok) annotationAdded(reply.value);
    });
    box.append(labelled('Error', category), labelled('Severity', severity), labelled('Note', note), mark, omission);
  }
  const other = document.createElement('input');
  other.name = p.field === 'source' ? 'targetTerm' : 'sourceTerm';
  const add = document.createElement('button');
  add.type = 'button';
  add.textContent = 'Add to glossary';
  add.addEventListener('click', async () => {
    const entry = p.field === 'source' ? { sourceTerm: p.words, targetTerm: other.value } : { sourceTerm: other.value, targetTerm: p.words };
    const reply = await callJson('POST', `/api/documents/${documentId}/terms`, entry);
    status.textContent = reply.ok ? `Added “${entry.sourceTerm}” → “${entry.targetTerm}” to the glossary.` : reply.message;
  });
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Close';
  cancel.addEventListener('click', close);
  box.append(labelled(p.field === 'source' ? 'Its translation' : 'Source term', other), add, cancel, status);
  box.addEventListener('submit', (e) => e.preventDefault());
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
    e.stopPropagation();
  });
  document.body.append(box);
  panel = box;
}

export function installSelectionTools(): void {
  // Only a reviewer's page offers the tools (the panel's writes need the reviewer role).
  if (!document.querySelector('[data-can-review]')) return;
  document.addEventListener('mouseup', (e) => {
    if (panel && e.target instanceof Node && panel.contains(e.target)) return;
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    const p = picked();
    if (!p || p.words.trim() === '') return;
    open(p, selection.getRangeAt(0).getBoundingClientRect());
  });
}
