// "Dismissed — Undo": the server answers a dismissal with the row, the finding folded into one line
// in place. This module puts the focus on its Undo (or, after Undo, back on the finding) and, after
// a phrase is dismissed or restored in the whole document, refreshes the page's other rows.
import { fetchPage } from './api.js';
import { focusRow, ROW, rowOf, rows } from './dom.js';
import { isEditing } from './editor.js';
import { ROW_UPDATED } from './fragments.js';

type Intent = { segment: string; restore: boolean; everywhere: boolean; rule: string; phrase: string };
let intent: Intent | null = null;

/** Remembers what a dismiss form asked for, to act on the row the server sends back. */
function noteIntent(form: HTMLFormElement): void {
  const row = rowOf(form);
  const card = form.closest<HTMLElement>('.finding');
  if (!row || !card || !form.action.includes('/dismiss')) return;
  const data = new FormData(form);
  intent = { segment: row.dataset.segment ?? '', restore: data.get('restore') === '1', everywhere: data.get('scope') === 'document', rule: card.dataset.rule ?? '', phrase: card.dataset.phrase ?? '' };
}

const cardFor = (row: Element, rule: string, phrase: string) =>
  [...row.querySelectorAll<HTMLElement>('.finding')].find((c) => c.dataset.rule === rule && c.dataset.phrase === phrase) ?? null;

/** Replaces the page's other rows with their fresh versions (those being edited are left alone). */
async function refreshOtherRows(except: HTMLTableRowElement): Promise<void> {
  const page = await fetchPage(window.location.href);
  if (!page) return;
  for (const row of rows()) {
    if (row === except || isEditing(row)) continue;
    const fresh = page.querySelector<HTMLTableRowElement>(`${ROW}[data-segment="${row.dataset.segment}"]`);
    if (fresh && fresh.innerHTML !== row.innerHTML) row.replaceWith(document.importNode(fresh, true));
  }
}

function onRowUpdated(row: HTMLTableRowElement): void {
  const done = intent && intent.segment === row.dataset.segment ? intent : null;
  if (!done) return;
  intent = null;
  const card = cardFor(row, done.rule, done.phrase);
  if (done.restore) {
    if (card) card.focus();
    else focusRow(row);
  } else {
    card?.querySelector<HTMLButtonElement>('button.undo-dismiss')?.focus();
  }
  // The phrase changed in other rows too: bring them up to date without reloading the page.
  if (done.everywhere) void refreshOtherRows(row);
}

export function installDismiss(): void {
  // Capture: runs before forms.ts posts the form and swaps the row.
  document.addEventListener('submit', (event) => {
    if (event.target instanceof HTMLFormElement) noteIntent(event.target);
  }, true);
  document.addEventListener(ROW_UPDATED, (event) => {
    if (event.target instanceof HTMLTableRowElement) onRowUpdated(event.target);
  });
}
