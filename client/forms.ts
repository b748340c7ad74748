// Every row form marked data-fragment is posted in the background; the row the server renders
// back replaces the old one. Without this script the same forms post and redirect.
import { postRowForm } from './api.js';
import { rowOf } from './dom.js';
import { showRowError, swapRow } from './fragments.js';

/** Posts a row form and swaps the answer in; resolves with the fresh row (null when refused). */
export async function submitRowForm(form: HTMLFormElement, extra: Record<string, string> = {}, submitter?: HTMLElement | null): Promise<HTMLTableRowElement | null> {
  const row = rowOf(form);
  if (!row) return null;
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => (b.disabled = true));
  try {
    const reply = await postRowForm(form, extra, submitter);
    if (reply.kind === 'row') {
      const fresh = swapRow(row, reply.html);
      if (fresh) return fresh;
      showRowError(row, 'The server sent back something unexpected. Reload the page.');
    } else {
      showRowError(row, reply.message);
    }
    return null;
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

export function installForms(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-fragment') || !rowOf(form)) return;
    event.preventDefault();
    void submitRowForm(form, {}, event.submitter);
  });
}

/** Submits the form of the first button matching `selector` inside `scope`; false if there is none. */
export function clickIn(scope: Element | null | undefined, selector: string): boolean {
  const button = scope?.querySelector<HTMLButtonElement>(selector);
  if (!button?.form) return false;
  button.form.requestSubmit(button);
  return true;
}
