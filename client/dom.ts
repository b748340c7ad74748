// Finding rows and moving the focus between them. Every segment row is a <tr class="segment"
// data-segment="<id>">, rendered by views/partials/segment-row.hbs for the page and the fragments.

export const ROW = 'tr.segment';

export function rows(): HTMLTableRowElement[] {
  return [...document.querySelectorAll<HTMLTableRowElement>(ROW)];
}

export function rowOf(node: EventTarget | null): HTMLTableRowElement | null {
  return node instanceof Element ? node.closest<HTMLTableRowElement>(ROW) : null;
}

/** The row the keys act on: the one holding the focus, else the one marked focused. */
export function currentRow(): HTMLTableRowElement | null {
  return rowOf(document.activeElement) ?? document.querySelector<HTMLTableRowElement>(`${ROW}.focused`);
}

export function markFocused(row: HTMLTableRowElement): void {
  if (row.classList.contains('focused')) return;
  document.querySelectorAll(`${ROW}.focused`).forEach((r) => r.classList.remove('focused'));
  row.classList.add('focused');
}

export function focusRow(row: HTMLTableRowElement | null | undefined): void {
  if (!row) return;
  markFocused(row);
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

export function isDone(row: HTMLTableRowElement): boolean {
  return row.classList.contains('status-reviewed') || row.classList.contains('status-approved');
}

/** True while the user types in a form control: single-letter keys are text then, not commands. */
export function isTyping(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
