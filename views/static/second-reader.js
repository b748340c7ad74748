// The second reader's panel and key. Every form also works without this script.
'use strict';
(() => {
  const panel = document.querySelector('section.second-reader[data-running-job]');
  if (panel) {
    const jobId = panel.dataset.runningJob;
    const progress = panel.querySelector('progress');
    const text = panel.querySelector('.job-progress');
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/second-reader/jobs/${jobId}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
        if (!response.ok) return;
        const job = await response.json();
        if (progress) { progress.max = job.total; progress.value = job.position; }
        if (text) text.textContent = `${job.position} of ${job.total} segments read (${job.total ? Math.floor((100 * job.position) / job.total) : 100}%) · ${job.errorsFound} error${job.errorsFound === 1 ? '' : 's'} found${job.failed ? ` · ${job.failed} failed` : ''} · ${job.state === 'running' ? 'reading' : job.state}`;
        if (job.state !== 'running') {
          clearInterval(timer);
          const link = document.createElement('a');
          link.href = window.location.pathname + window.location.search;
          link.textContent = ' Show the findings';
          text.after(link);
          panel.querySelectorAll('.cancel-job').forEach((b) => (b.disabled = true));
        }
      } catch {
        // The next tick tries again.
      }
    }, 2000);
  }

  // l: ask the second reader about the focused segment.
  document.addEventListener('keydown', (event) => {
    const t = event.target;
    if (event.key !== 'l' || event.ctrlKey || event.metaKey || event.altKey) return;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement || t instanceof HTMLSelectElement) return;
    const row = (document.activeElement && document.activeElement.closest && document.activeElement.closest('tr.segment')) || document.querySelector('tr.segment.focused');
    const button = row && row.querySelector('button.ask-second-reader');
    if (!button) return;
    event.preventDefault();
    button.closest('form').requestSubmit(button);
  });
})();

// Asking can take a while: say so on the button until the row comes back.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('second-reader-form')) return;
  const button = form.querySelector('button.ask-second-reader');
  if (button) button.textContent = 'Asking the second reader…';
});
