// The import form: warnings while the texts are pasted, and a progress indicator while it imports.
// Without this script the server shows the same warnings when the form is sent.
import { postJson } from './api.js';

interface Warning { kind: string; message: string }

const MAX_CHECKED_CHARS = 2_000_000;

function field(form: HTMLFormElement, name: string): HTMLInputElement | HTMLTextAreaElement | null {
  return form.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
}

/** The text of a box, or of the .txt file chosen beside it (a file takes the place of the box). */
async function textOf(form: HTMLFormElement, box: string, file: string): Promise<string> {
  const chosen = form.querySelector<HTMLInputElement>(`input[type="file"][name="${file}"]`)?.files?.[0];
  if (chosen && chosen.size < 4 * MAX_CHECKED_CHARS) {
    try {
      return await chosen.text();
    } catch {
      // unreadable: check the box instead
    }
  }
  return field(form, box)?.value ?? '';
}

function show(form: HTMLFormElement, box: HTMLElement, warnings: Warning[]): void {
  const list = box.querySelector('ul') ?? box.appendChild(document.createElement('ul'));
  list.replaceChildren(...warnings.map((w) => {
    const item = document.createElement('li');
    item.dataset.kind = w.kind;
    item.textContent = w.message;
    return item;
  }));
  box.hidden = warnings.length === 0;
  const button = form.querySelector<HTMLButtonElement>('[data-import-submit]');
  if (button) button.textContent = warnings.length ? 'Import anyway' : 'Import and flag';
  // Seen here, so the server need not stop the import to show them again.
  let acknowledge = form.querySelector<HTMLInputElement>('input[name="acknowledge"]');
  if (warnings.length && !acknowledge) {
    acknowledge = Object.assign(document.createElement('input'), { type: 'hidden', name: 'acknowledge', value: '1' });
    form.append(acknowledge);
  } else if (!warnings.length) acknowledge?.remove();
}

async function check(form: HTMLFormElement, box: HTMLElement): Promise<void> {
  const sourceText = await textOf(form, 'sourceText', 'sourceFile');
  const mtText = await textOf(form, 'mtText', 'mtFile');
  if (sourceText.length + mtText.length > MAX_CHECKED_CHARS) return;
  const reply = await postJson<{ warnings: Warning[] }>('/api/import-warnings', { sourceText, mtText, targetLang: field(form, 'targetLang')?.value ?? '' });
  if (reply) show(form, box, reply.warnings);
}

export function installImportForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-import-form]');
  const box = document.querySelector<HTMLElement>('[data-import-warnings]');
  if (!form || !box) return;
  let timer: number | undefined;
  const later = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void check(form, box), 400);
  };
  form.addEventListener('input', later);
  form.addEventListener('change', later);
  // A refusal was about the form as it was sent: once the texts change, it no longer holds.
  const refusal = document.querySelector<HTMLElement>('.import-error');
  if (refusal) form.addEventListener('input', () => void (refusal.hidden = true), { once: true });
  form.addEventListener('submit', () => {
    window.clearTimeout(timer);
    const button = form.querySelector<HTMLButtonElement>('[data-import-submit]');
    // Disabled after the browser has read the form, so the post still goes out.
    window.setTimeout(() => {
      if (button) button.disabled = true;
      const progress = form.querySelector<HTMLElement>('[data-import-progress]');
      if (progress) progress.hidden = false;
    });
  });
  // Back from the document page (bfcache): the form is ready again.
  window.addEventListener('pageshow', () => {
    const button = form.querySelector<HTMLButtonElement>('[data-import-submit]');
    if (button) button.disabled = false;
    const progress = form.querySelector<HTMLElement>('[data-import-progress]');
    if (progress) progress.hidden = true;
  });
}
