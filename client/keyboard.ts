// Keyboard review. Focus sits on a row (or inside it); every key acts on that row.
import { currentRow, focusRow, isDone, isTyping, markFocused, rowOf, rows } from './dom.js';
import { openFindings } from './findings.js';
import { clickIn } from './forms.js';
import { ROW_UPDATED } from './fragments.js';

/** Moves the focus through the elements of `row` that match `selector`, in a cycle. */
function cycle(row: Element, selector: string, onFocus?: (el: HTMLElement) => void): void {
  const items = [...row.querySelectorAll<HTMLElement>(selector)];
  if (items.length === 0) return;
  const active = document.activeElement?.closest(selector);
  const next = items[(items.indexOf(active as HTMLElement) + 1) % items.length];
  next.focus();
  onFocus?.(next);
}

function moveRow(step: number): void {
  const all = rows();
  const row = currentRow();
  const i = row ? all.indexOf(row) : -1;
  focusRow(all[Math.min(Math.max(i + step, 0), all.length - 1)] ?? all[0]);
}

function nextUnreviewed(from: HTMLTableRowElement): void {
  const all = rows();
  focusRow(all.slice(all.indexOf(from) + 1).find((r) => !isDone(r)) ?? from);
}

/** The row whose update should move the focus on to the next unreviewed segment. */
let advanceAfter: string | null = null;

function focusedIn(selector: string): Element | null {
  return document.activeElement?.closest(selector) ?? null;
}

function onKey(event: KeyboardEvent): void {
  if (isTyping(event.target)) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target.form) {
      event.preventDefault();
      event.target.form.requestSubmit();
    } else if (event.key === 'Escape') {
      const details = event.target.closest('details');
      if (details) details.open = false;
      focusRow(rowOf(event.target));
    }
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const row = currentRow();
  switch (event.key) {
    case 'j': moveRow(1); break;
    case 'k': moveRow(-1); break;
    case '?': {
      const dialog = document.getElementById('keys');
      if (dialog instanceof HTMLDialogElement && !dialog.open) dialog.showModal();
      break;
    }
    case 'e': {
      const editor = row?.querySelector<HTMLDetailsElement>('details.editor');
      const area = editor?.querySelector('textarea');
      if (!editor || !area) return;
      editor.open = true;
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
      break;
    }
    case 'f':
      if (row) cycle(row, '.finding', (card) => {
        const mark = row.querySelector<HTMLElement>(`mark.flag[data-findings~="${card.id}"]`);
        if (mark) openFindings(mark);
        card.classList.add('open');
      });
      break;
    case 's': if (row) clickIn(focusedIn('.finding') ?? row.querySelector('.finding.open') ?? row.querySelector('.finding'), 'button.suggestion'); break;
    case 'x': if (row) clickIn(focusedIn('.finding') ?? row.querySelector('.finding.open'), 'button.dismiss'); break;
    case 'p': if (row) cycle(row, '.proposal.state-pending'); break;
    case 'a': if (row) clickIn(focusedIn('.proposal') ?? row.querySelector('.proposal.state-pending'), 'button.accept'); break;
    case 'r': if (row) clickIn(focusedIn('.proposal') ?? row.querySelector('.proposal.state-pending'), 'button.reject'); break;
    case 'm':
      if (!row) return;
      advanceAfter = row.dataset.segment ?? null;
      if (!clickIn(row, 'button.mark-reviewed')) nextUnreviewed(row);
      break;
    case 'h': if (row) window.location.href = `/segments/${row.dataset.segment}/history`; break;
    default: return;
  }
  event.preventDefault();
}

export function installKeyboard(): void {
  document.addEventListener('keydown', onKey);
  document.addEventListener(ROW_UPDATED, (event) => {
    const row = event.target as HTMLTableRowElement;
    if (advanceAfter !== null && row.dataset.segment === advanceAfter) {
      advanceAfter = null;
      nextUnreviewed(row);
    } else {
      focusRow(row);
    }
  });
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-show-keys]')) {
      (document.getElementById('keys') as HTMLDialogElement | null)?.showModal();
    }
  });
  document.addEventListener('focusin', (event) => {
    const row = rowOf(event.target);
    if (row) markFocused(row);
  });
}
