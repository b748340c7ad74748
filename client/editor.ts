// Editing a segment in place and confirming it. The row's confirm form (views/partials/segment-row.hbs)
// holds the textarea; without this script it is a plain "Edit" disclosure that posts.
import { postRowForm } from './api.js';
import { focusRow, rowOf } from './dom.js';
import { showRowError, swapRow } from './fragments.js';
import { toNextOpen } from './navigation.js';

const areaOf = (row: Element) => row.querySelector<HTMLTextAreaElement>('.confirm-form textarea');
const hasDraft = (area: HTMLTextAreaElement) => area.value !== area.defaultValue;

function autosize(area: HTMLTextAreaElement): void {
  area.style.height = 'auto';
  area.style.height = `${area.scrollHeight + 2}px`;
}

/** Opens the row's editor with the caret at `caret` (a text offset; the end by default). */
export function openEditor(row: HTMLTableRowElement, caret?: number): HTMLTextAreaElement | null {
  const area = areaOf(row);
  const details = area?.closest('details');
  if (!area || !details) return null;
  details.open = true;
  row.classList.add('editing');
  row.classList.remove('draft');
  autosize(area);
  area.focus({ preventScroll: true });
  const at = Math.min(caret ?? area.value.length, area.value.length);
  area.setSelectionRange(at, at);
  row.scrollIntoView({ block: 'nearest' });
  return area;
}

/** Closes the editor; an unsaved edit is kept as a draft (marked in the row) unless `discard`. */
export function closeEditor(row: HTMLTableRowElement, discard: boolean): void {
  const area = areaOf(row);
  if (!area) return;
  if (discard) area.value = area.defaultValue;
  const details = area.closest('details');
  if (details) details.open = false;
  row.classList.remove('editing');
  row.classList.toggle('draft', hasDraft(area));
}

export function isEditing(row: Element | null): boolean {
  return row?.classList.contains('editing') ?? false;
}

let saving = false;

/** Dispatched (cancelable) on a row just before its confirm is sent; `detail.keepDraft` as passed. */
export const BEFORE_CONFIRM = 'calque:before-confirm';

/**
 * Ctrl+Enter: saves the edit (if any), confirms the segment and moves on to the next segment that
 * is not reviewed, with its editor open when the reviewer was editing. `keepDraft`: confirm the
 * saved text and leave an unsaved edit as it is (the `m` key).
 */
export async function confirmRow(row: HTMLTableRowElement, options: { keepDraft?: boolean; force?: boolean } = {}): Promise<void> {
  const form = row.querySelector<HTMLFormElement>('form.confirm-form');
  const area = areaOf(row);
  if (!form || !area || saving) return;
  // Another module may hold the confirm back (a QA warning shown in the row) and call again with `force`.
  const before = new CustomEvent(BEFORE_CONFIRM, { bubbles: true, cancelable: true, detail: { keepDraft: options.keepDraft ?? false } });
  if (!options.force && !row.dispatchEvent(before)) return;
  const wasEditing = isEditing(row);
  saving = true;
  try {
    const reply = await postRowForm(form, options.keepDraft ? { text: area.defaultValue } : {});
    if (reply.kind === 'error') {
      showRowError(row, reply.message);
      return;
    }
    const fresh = swapRow(row, reply.html);
    if (!fresh) return showRowError(row, 'The server sent back something unexpected. Reload the page.');
    if (reply.conflict) {
      // Refused (the text changed meanwhile): the row shows both texts; the edit stays open.
      const again = areaOf(fresh);
      if (again && wasEditing && !options.keepDraft) {
        again.value = area.value;
        openEditor(fresh);
      } else {
        focusRow(fresh);
      }
      return;
    }
    toNextOpen(fresh, wasEditing, reply.next, (next) => {
      if (wasEditing) openEditor(next);
    });
  } finally {
    saving = false;
  }
}

/** The offset in the row's text under a click, from the rendered text (marks included). */
function caretAt(container: Element, x: number, y: number): number | undefined {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  let node: Node | undefined;
  let offset = 0;
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) {
    node = position.offsetNode;
    offset = position.offset;
  } else {
    const range = document.caretRangeFromPoint?.(x, y);
    if (range) {
      node = range.startContainer;
      offset = range.startOffset;
    }
  }
  if (!node || !container.contains(node)) return undefined;
  const before = document.createRange();
  before.setStart(container, 0);
  before.setEnd(node, offset);
  return before.toString().length;
}

/** A suggestion goes into the editor, applied, for the reviewer to adjust and confirm: never sent blind. */
export function applySuggestion(button: HTMLButtonElement): void {
  const row = rowOf(button);
  const area = row && areaOf(row);
  if (!row || !area) return;
  const { phrase = '', replacement = '', applied } = button.dataset;
  const start = Number(button.dataset.start);
  let text: string;
  let caret: number;
  if (!hasDraft(area) && applied !== undefined) {
    text = applied;
    let suffix = 0;
    while (suffix < text.length && suffix < area.value.length && text[text.length - 1 - suffix] === area.value[area.value.length - 1 - suffix]) suffix++;
    caret = text.length - suffix;
  } else {
    const at = area.value.slice(start, start + phrase.length) === phrase ? start : area.value.indexOf(phrase);
    if (at < 0 || phrase === '') return showRowError(row, `“${phrase}” is no longer in the text.`);
    text = area.value.slice(0, at) + replacement + area.value.slice(at + phrase.length);
    caret = at + replacement.length;
  }
  area.value = text;
  openEditor(row, caret);
}

export function installEditor(): void {
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const suggestion = target?.closest<HTMLButtonElement>('button.suggestion');
    if (suggestion && rowOf(suggestion)) {
      event.preventDefault();
      applySuggestion(suggestion);
      return;
    }
    const text = target?.closest('.current-text');
    const row = rowOf(text ?? null);
    if (!text || !row || (window.getSelection()?.toString() ?? '') !== '') return;
    const area = areaOf(row);
    openEditor(row, area && !hasDraft(area) ? caretAt(text, event.clientX, event.clientY) : undefined);
  });
  document.addEventListener('input', (event) => {
    if (event.target instanceof HTMLTextAreaElement && event.target.closest('.confirm-form')) autosize(event.target);
  });
  // Leaving the editor (a click elsewhere, Tab) keeps an unsaved edit as a draft in its row.
  document.addEventListener('focusout', (event) => {
    const area = event.target;
    if (!(area instanceof HTMLTextAreaElement) || !area.closest('.confirm-form')) return;
    const row = rowOf(area);
    const to = event.relatedTarget instanceof Node ? event.relatedTarget : null;
    if (row && isEditing(row) && !(to && row.contains(to))) closeEditor(row, false);
  });
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('confirm-form')) return;
    const row = rowOf(form);
    if (!row) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    void confirmRow(row);
  }, true);
  window.addEventListener('beforeunload', (event) => {
    const drafts = [...document.querySelectorAll<HTMLTextAreaElement>('.confirm-form textarea')].some(hasDraft);
    if (drafts) event.preventDefault();
  });
}
