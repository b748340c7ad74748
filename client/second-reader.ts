// The second reader (an LLM): "Ask the second reader" on a row, and the progress of a document job.
// Without this module the same forms post and redirect, and the page shows the job as it was.
import { clickIn } from './forms.js';

interface Job {
  state: 'running' | 'cancelled' | 'interrupted' | 'failed' | 'done';
  total: number;
  position: number;
  failed: number;
  errorsFound: number;
}

const POLL_MS = 2000;

/** Asks the second reader about a row (the key l): the row comes back with its findings and proposals. */
export function askSecondReader(row: HTMLTableRowElement): boolean {
  return clickIn(row, 'button.ask-second-reader');
}

function progressText(job: Job): string {
  const percent = job.total ? Math.floor((100 * job.position) / job.total) : 100;
  const errors = `${job.errorsFound} error${job.errorsFound === 1 ? '' : 's'} found`;
  return `${job.position} of ${job.total} segments read (${percent}%) · ${errors}${job.failed ? ` · ${job.failed} failed` : ''} · ${job.state === 'running' ? 'reading' : job.state}`;
}

/** Follows a running job on the document page until it stops, then offers to show its findings. */
function followJob(panel: HTMLElement, jobId: string): void {
  const progress = panel.querySelector('progress');
  const text = panel.querySelector('.job-progress');
  const timer = window.setInterval(async () => {
    let job: Job;
    try {
      const response = await fetch(`/api/second-reader/jobs/${encodeURIComponent(jobId)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!response.ok) return;
      job = (await response.json()) as Job;
    } catch {
      return; // The next tick tries again.
    }
    if (progress) {
      progress.max = job.total;
      progress.value = job.position;
    }
    if (text) text.textContent = progressText(job);
    if (job.state === 'running') return;
    window.clearInterval(timer);
    panel.querySelectorAll<HTMLButtonElement>('.cancel-job').forEach((b) => (b.disabled = true));
    const link = document.createElement('a');
    link.href = window.location.pathname + window.location.search;
    link.className = 'show-findings';
    link.textContent = 'Show the findings';
    text?.after(' ', link);
  }, POLL_MS);
}

export function installSecondReader(): void {
  const panel = document.querySelector<HTMLElement>('section.second-reader[data-running-job]');
  if (panel?.dataset.runningJob) followJob(panel, panel.dataset.runningJob);
  // Asking can take a while: the button says so until the row comes back.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('second-reader-form')) return;
    const button = form.querySelector('button.ask-second-reader');
    if (button) button.textContent = 'Asking the second reader…';
  }, true);
}
