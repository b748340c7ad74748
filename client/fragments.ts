// Swapping a re-rendered row into the page, and telling the rest of the page that it changed.
import { ROW } from './dom.js';

export const ROW_UPDATED = 'calque:row-updated';

/** Parses the row partial the server rendered. */
export function parseRow(html: string): HTMLTableRowElement | null {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content.querySelector<HTMLTableRowElement>(ROW);
}

/** Replaces `row` by the fresh one and announces it (the header counters listen). */
export function swapRow(row: HTMLTableRowElement, html: string): HTMLTableRowElement | null {
  const fresh = parseRow(html);
  if (!fresh) return null;
  keepDraft(row, fresh);
  row.replaceWith(fresh);
  fresh.dispatchEvent(new CustomEvent(ROW_UPDATED, { bubbles: true }));
  return fresh;
}

/** Shows a message in the row that the server refused or could not be reached. */
export function showRowError(row: HTMLTableRowElement, message: string): void {
  let box = row.querySelector<HTMLElement>('.notice.client-error');
  if (!box) {
    box = document.createElement('div');
    box.className = 'notice conflict client-error';
    box.setAttribute('role', 'alert');
    (row.querySelector('.col-text') ?? row).prepend(box);
  }
  box.textContent = message;
}

/**
 * An unsaved edit survives the row being re-rendered (a comment posted, a finding dismissed). It
 * keeps the version it was based on, so saving it over a newer text is refused, not silent.
 */
function keepDraft(old: HTMLTableRowElement, fresh: HTMLTableRowElement): void {
  const before = old.querySelector<HTMLTextAreaElement>('.confirm-form textarea');
  const after = fresh.querySelector<HTMLTextAreaElement>('.confirm-form textarea');
  if (!before || !after || before.value === before.defaultValue || !old.classList.contains('draft')) return;
  if (before.value === after.defaultValue) return;
  after.value = before.value;
  const base = old.querySelector<HTMLInputElement>('.confirm-form input[name=baseVersion]');
  const freshBase = fresh.querySelector<HTMLInputElement>('.confirm-form input[name=baseVersion]');
  if (base && freshBase) freshBase.value = base.value;
  fresh.classList.add('draft');
}
