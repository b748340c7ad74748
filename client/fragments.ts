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
