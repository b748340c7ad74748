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
      headers: {
        'X-Calque-Fragment': 'row',
        'X-CSRF-Token': (document.querySelector('meta[name="csrf-token"]') || { content: '' }).content,
        'X-Calque-Dismissed': (document.querySelector('table.grid') || { dataset: {} }).dataset.showDismissed || '0',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
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

// ---- Keyboard review -------------------------------------------------------------------------
// Focus always sits on a row (or inside it); every key acts on that row.

function rows() {
  return [...document.querySelectorAll('tr.segment')];
}

function currentRow() {
  const active = document.activeElement;
  return (active && active.closest && active.closest('tr.segment')) || document.querySelector('tr.segment.focused');
}

function focusRow(row) {
  if (!row) return;
  document.querySelectorAll('tr.segment.focused').forEach((r) => r.classList.remove('focused'));
  row.classList.add('focused');
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

function moveRow(step) {
  const all = rows();
  const row = currentRow();
  const i = row ? all.indexOf(row) : -1;
  focusRow(all[Math.min(Math.max(i + step, 0), all.length - 1)] || all[0]);
}

/** Cycles focus through the elements of the row matching a selector. */
function cycle(row, selector, onFocus) {
  const items = [...row.querySelectorAll(selector)];
  if (items.length === 0) return null;
  const i = items.indexOf(document.activeElement.closest(selector));
  const next = items[(i + 1) % items.length];
  next.focus();
  if (onFocus) onFocus(next);
  return next;
}

function submitIn(scope, selector) {
  const button = scope && scope.querySelector(selector);
  if (button) button.closest('form').requestSubmit(button);
  return Boolean(button);
}

let nextUnreviewedAfter = null;

document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
  if (typing) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && target.form) {
      event.preventDefault();
      target.form.requestSubmit();
    } else if (event.key === 'Escape') {
      const row = target.closest('tr.segment');
      const details = target.closest('details');
      if (details) details.open = false;
      focusRow(row);
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
      if (dialog && !dialog.open) dialog.showModal();
      break;
    }
    case 'e': {
      if (!row) return;
      const editor = row.querySelector('details.editor');
      editor.open = true;
      const area = editor.querySelector('textarea');
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
      break;
    }
    case 'f': if (row) cycle(row, '.finding', (card) => {
      const mark = row.querySelector(`mark.flag[data-findings~="${card.id}"]`);
      if (mark) openFindings(mark);
      card.classList.add('open');
      card.focus();
    }); break;
    case 's': if (row) submitIn(document.activeElement.closest('.finding') || row.querySelector('.finding.open') || row.querySelector('.finding'), 'button.suggestion'); break;
    case 'x': if (row) submitIn(document.activeElement.closest('.finding') || row.querySelector('.finding.open'), 'button.dismiss'); break;
    case 'p': if (row) cycle(row, '.proposal.state-pending'); break;
    case 'a': if (row) submitIn(document.activeElement.closest('.proposal') || row.querySelector('.proposal.state-pending'), 'button.accept'); break;
    case 'r': if (row) submitIn(document.activeElement.closest('.proposal') || row.querySelector('.proposal.state-pending'), 'button.reject'); break;
    case 'm':
      if (!row) return;
      nextUnreviewedAfter = row.dataset.segment;
      if (!submitIn(row, 'button.mark-reviewed')) goToNextUnreviewed(row);
      break;
    case 'h': if (row) window.location.href = `/segments/${row.dataset.segment}/history`; break;
    default: return;
  }
  event.preventDefault();
});

function goToNextUnreviewed(from) {
  const all = rows();
  const start = all.indexOf(from);
  const next = all.slice(start + 1).find((r) => !r.classList.contains('status-reviewed') && !r.classList.contains('status-approved'));
  focusRow(next || from);
}

document.addEventListener('calque:row-updated', (event) => {
  const row = event.target;
  if (nextUnreviewedAfter && row.dataset.segment === nextUnreviewedAfter) {
    nextUnreviewedAfter = null;
    goToNextUnreviewed(row);
  } else {
    focusRow(row);
  }
});

document.addEventListener('click', (event) => {
  const button = event.target.closest && event.target.closest('[data-show-keys]');
  if (button) document.getElementById('keys').showModal();
});

document.addEventListener('focusin', (event) => {
  const row = event.target.closest && event.target.closest('tr.segment');
  if (row && !row.classList.contains('focused')) {
    document.querySelectorAll('tr.segment.focused').forEach((r) => r.classList.remove('focused'));
    row.classList.add('focused');
  }
});

window.addEventListener('DOMContentLoaded', () => {
  const target = window.location.hash && document.querySelector(window.location.hash);
  focusRow(target && target.matches('tr.segment') ? target : rows()[0]);
});
