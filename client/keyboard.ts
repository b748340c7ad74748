// Keyboard review. Focus sits on a row (or inside it); every key acts on that row.
import { currentRow, focusRow, isTyping, markFocused, rowOf } from './dom.js';
import { applySuggestion, closeEditor, confirmRow, isEditing, openEditor } from './editor.js';
import { openFindings } from './findings.js';
import { clickIn } from './forms.js';
import { ROW_UPDATED } from './fragments.js';
import { moveBy } from './navigation.js';

/** Moves the focus through the elements of `row` that match `selector`, in a cycle. */
function cycle(row: Element, selector: string, onFocus?: (el: HTMLElement) => void): void {
  const items = [...row.querySelectorAll<HTMLElement>(selector)];
  if (items.length === 0) return;
  const active = document.activeElement?.closest(selector);
  const next = items[(items.indexOf(active as HTMLElement) + 1) % items.length];
  onFocus?.(next);
  next.focus();
}

const focusedIn = (selector: string): Element | null => document.activeElement?.closest(selector) ?? null;

/** The live findings of a row: those of its current text, not the MT's (shown on demand), not dismissed. */
const LIVE_FINDING = '.col-text .findings .finding:not(.dismissed)';

/** Opens the row's comments with the cursor in the comment box. */
function openComments(row: Element): boolean {
  const comments = row.querySelector<HTMLDetailsElement>('details.comments');
  if (!comments) return false;
  comments.open = true;
  comments.querySelector<HTMLTextAreaElement>(':scope > .comment-form textarea')?.focus();
  return true;
}

/** Keys while typing in the row editor (or another field of the page). */
function onTypingKey(event: KeyboardEvent, target: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): void {
  const row = rowOf(target);
  const inEditor = target instanceof HTMLTextAreaElement && target.closest('.confirm-form') !== null;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    if (inEditor && row) void confirmRow(row);
    else target.form?.requestSubmit();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    if (inEditor && row) closeEditor(row, true);
    const details = target.closest('details');
    if (details && !inEditor) details.open = false;
    if (row) focusRow(row);
    else target.blur();
  }
}

function onKey(event: KeyboardEvent): void {
  if (isTyping(event.target)) return onTypingKey(event, event.target);
  if (event.altKey) return;
  const row = currentRow();
  if (event.ctrlKey || event.metaKey) {
    if (event.key === 'Enter' && row) {
      event.preventDefault();
      void confirmRow(row);
    }
    return;
  }
  // Keys on a focused button, link or summary keep their own meaning.
  if (event.key === 'Enter' && event.target instanceof Element && event.target.closest('button, a, summary, mark')) return;
  switch (event.key) {
    case 'j': moveBy(row, 1); break;
    case 'k': moveBy(row, -1); break;
    case '?': {
      const dialog = document.getElementById('keys');
      if (dialog instanceof HTMLDialogElement && !dialog.open) dialog.showModal();
      break;
    }
    case 'e':
    case 'Enter':
      if (!row) return;
      openEditor(row);
      break;
    case 'f':
      if (row) cycle(row, LIVE_FINDING, (card) => {
        const mark = row.querySelector<HTMLElement>(`mark.flag[data-findings~="${card.id}"]`);
        if (mark) openFindings(mark);
        card.classList.add('open');
      });
      break;
    case 's': {
      const card = focusedIn('.finding') ?? row?.querySelector('.col-text .finding.open') ?? row?.querySelector(LIVE_FINDING);
      const button = card?.querySelector<HTMLButtonElement>('button.suggestion');
      if (!button) return;
      applySuggestion(button);
      break;
    }
    case 'x': if (row) clickIn(focusedIn('.finding') ?? row.querySelector('.finding.open'), 'button.dismiss'); break;
    case 'p': if (row) cycle(row, '.proposal.state-pending'); break;
    case 'a': if (row) clickIn(focusedIn('.proposal') ?? row.querySelector('.proposal.state-pending'), 'button.accept'); break;
    case 'r': if (row) clickIn(focusedIn('.proposal') ?? row.querySelector('.proposal.state-pending'), 'button.reject'); break;
    case 'm': if (row) void confirmRow(row, { keepDraft: true }); break;
    case 'c': if (!row || !openComments(row)) return; break;
    case 'g': document.querySelector<HTMLInputElement>('form.goto input[name=n]')?.focus(); break;
    case 'h': if (row) window.location.href = `/segments/${row.dataset.segment}/history`; break;
    default: return;
  }
  event.preventDefault();
}

export function installKeyboard(): void {
  document.addEventListener('keydown', onKey);
  // A row re-rendered by an action keeps the focus, unless the action moved it on (a confirm does).
  document.addEventListener(ROW_UPDATED, (event) => {
    const row = event.target as HTMLTableRowElement;
    if (!isEditing(currentRow()) && (document.activeElement === document.body || !document.activeElement?.isConnected)) focusRow(row);
  });
  document.addEventListener('click', (event) => {
    const comment = event.target instanceof Element ? event.target.closest('[data-comment]') : null;
    const row = rowOf(comment);
    if (row) openComments(row);
    if (event.target instanceof Element && event.target.closest('[data-show-keys]')) {
      (document.getElementById('keys') as HTMLDialogElement | null)?.showModal();
    }
  });
  document.addEventListener('focusin', (event) => {
    const row = rowOf(event.target);
    if (row) markFocused(row);
  });
}
