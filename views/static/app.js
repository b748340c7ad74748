// Calque review page: progressive enhancement. Every form also works without this script.
'use strict';
document.documentElement.classList.add('js');

/** Shows the finding cards of a highlighted phrase, hides the others of its row. */
function openFindings(mark) {
  const row = mark.closest('tr.segment');
  if (!row) return;
  const ids = (mark.dataset.findings || '').split(' ');
  row.querySelectorAll('.finding.open').forEach((card) => card.classList.remove('open'));
  row.querySelectorAll('mark.flag.active').forEach((m) => m.classList.remove('active'));
  mark.classList.add('active');
  for (const id of ids) {
    const card = document.getElementById(id);
    if (card) card.classList.add('open');
  }
}

document.addEventListener('click', (event) => {
  const mark = event.target.closest && event.target.closest('mark.flag');
  if (mark) openFindings(mark);
});
document.addEventListener('focusin', (event) => {
  const mark = event.target.closest && event.target.closest('mark.flag');
  if (mark) openFindings(mark);
});
document.addEventListener('keydown', (event) => {
  const mark = event.target.closest && event.target.closest('mark.flag');
  if (mark && (event.key === 'Enter' || event.key === ' ')) {
    event.preventDefault();
    openFindings(mark);
    const first = document.querySelector(`#${CSS.escape(mark.dataset.findings.split(' ')[0])} button.suggestion`);
    if (first) first.focus();
  }
});

/** Posts a row's form and swaps in the row the server renders back (also on a 409 conflict). */
document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-fragment')) return;
  const row = form.closest('tr.segment');
  if (!row) return;
  event.preventDefault();
  const buttons = form.querySelectorAll('button');
  buttons.forEach((b) => (b.disabled = true));
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      headers: { 'X-Calque-Fragment': 'row', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    });
    const body = await response.text();
    if (response.ok || response.status === 409) {
      const template = document.createElement('template');
      template.innerHTML = body.trim();
      const fresh = template.content.querySelector('tr.segment');
      if (fresh) {
        row.replaceWith(fresh);
        fresh.focus({ preventScroll: true });
        fresh.dispatchEvent(new CustomEvent('calque:row-updated', { bubbles: true }));
        return;
      }
    }
    showError(row, body || `The server answered ${response.status}.`);
  } catch (err) {
    showError(row, 'The server could not be reached. Nothing was saved.');
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
});

function showError(row, message) {
  let box = row.querySelector('.notice.client-error');
  if (!box) {
    box = document.createElement('div');
    box.className = 'notice conflict client-error';
    box.setAttribute('role', 'alert');
    row.querySelector('.col-text').prepend(box);
  }
  box.textContent = message;
}
