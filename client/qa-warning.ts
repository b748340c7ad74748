// The QA warning the server renders into a row when a segment is confirmed with an open major
// finding or a pending proposal: its "anyway" button takes the focus (Enter confirms), and
// Cancel takes the warning away. Confirming again (Ctrl+Enter, m) confirms anyway (editor.ts).
import { focusRow, rowOf } from './dom.js';
import { ROW_UPDATED } from './fragments.js';

export function installQaWarning(): void {
  document.addEventListener(ROW_UPDATED, (event) => {
    const row = event.target instanceof HTMLTableRowElement ? event.target : null;
    row?.querySelector<HTMLButtonElement>('.notice.qa-warning button.confirm-anyway')?.focus();
  });
  // Nothing was changed, so Cancel only removes the warning.
  document.addEventListener('click', (event) => {
    const cancel = event.target instanceof Element ? event.target.closest('[data-dismiss-notice]') : null;
    if (!cancel) return;
    const row = rowOf(cancel);
    cancel.closest('.notice')?.remove();
    focusRow(row);
  });
}
