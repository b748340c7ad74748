// Moving between segments, also across the pages of the grid (the grid shows 100 rows a page).
import { focusRow, isDone, rows } from './dom.js';

const PENDING_FOCUS = 'calque:focus';

/** What to do once the next page has loaded: focus its first or last row, or a segment, maybe editing. */
interface PendingFocus {
  where: 'first' | 'last' | 'first-open' | `seg-${string}`;
  edit: boolean;
}

function grid(): HTMLTableElement | null {
  return document.querySelector<HTMLTableElement>('table.grid');
}

function go(url: string, pending: PendingFocus): void {
  sessionStorage.setItem(PENDING_FOCUS, JSON.stringify(pending));
  // Without the #fragment: the browser would focus the fragment's row after we opened its editor.
  window.location.href = url.replace(/#.*$/, '');
}

/** j / k: the next or previous row, on the next or previous page at the ends of this one. */
export function moveBy(from: HTMLTableRowElement | null, step: 1 | -1): void {
  const all = rows();
  const i = from ? all.indexOf(from) : -1;
  const target = all[i + step];
  if (target) return focusRow(target);
  const link = grid()?.dataset[step === 1 ? 'next' : 'prev'];
  if (from && link) return go(link, { where: step === 1 ? 'first' : 'last', edit: false });
  focusRow(from ?? all[0]);
}

/**
 * The next segment that is not reviewed after `from`: on this page if there is one, else where the
 * server says it is (`next`, from a confirm), else the first open row of the next page.
 */
export function toNextOpen(from: HTMLTableRowElement, edit: boolean, next?: { id: string; url: string }, onFound?: (row: HTMLTableRowElement) => void): void {
  const all = rows();
  const here = all.slice(all.indexOf(from) + 1).find((r) => !isDone(r));
  if (here) {
    focusRow(here);
    onFound?.(here);
    return;
  }
  if (next && next.id !== from.dataset.segment) {
    const row = document.querySelector<HTMLTableRowElement>(`tr.segment[data-segment="${CSS.escape(next.id)}"]`);
    if (row) {
      focusRow(row);
      onFound?.(row);
      return;
    }
    if (next.url) return go(next.url, { where: `seg-${next.id}`, edit });
  }
  const link = grid()?.dataset.next;
  if (link && !next) return go(link, { where: 'first-open', edit });
  focusRow(from);
}

/** "Go to segment N": its row when it is on this page, else the page that holds it. */
export function goToNumber(n: number): boolean {
  const row = document.querySelector<HTMLTableRowElement>(`tr.segment[data-number="${n}"]`);
  if (row) {
    focusRow(row);
    row.scrollIntoView({ block: 'center' });
    return true;
  }
  return false;
}

/** After a page change made by the keys: the row to focus and whether to open its editor. */
export function takePendingFocus(): { row: HTMLTableRowElement | undefined; edit: boolean } | null {
  const raw = sessionStorage.getItem(PENDING_FOCUS);
  if (!raw) return null;
  sessionStorage.removeItem(PENDING_FOCUS);
  let pending: PendingFocus;
  try {
    pending = JSON.parse(raw) as PendingFocus;
  } catch {
    return null;
  }
  const all = rows();
  const row = pending.where === 'first' ? all[0]
    : pending.where === 'last' ? all[all.length - 1]
    : pending.where === 'first-open' ? all.find((r) => !isDone(r)) ?? all[0]
    : document.querySelector<HTMLTableRowElement>(`#${CSS.escape(pending.where)}`) ?? undefined;
  return { row, edit: pending.edit };
}

export function installNavigation(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('goto')) return;
    const n = Number(new FormData(form).get('n'));
    if (Number.isInteger(n) && goToNumber(n)) event.preventDefault();
  });
}
