// The document header's counters, progress bar and HTER, refreshed after every change of a row.
import { fetchCounts, type DocumentCounts } from './api.js';
import { ROW_UPDATED } from './fragments.js';

/** As server/views/hter.ts: one decimal below 10%, so one small edit does not read "0%". */
function hterPercent(hter: number): string {
  const percent = hter * 100;
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  const tenths = Math.round(percent * 10) / 10;
  return tenths < 10 ? `${tenths.toFixed(1)}%` : `${Math.round(percent)}%`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const TEXTS: Record<string, (c: DocumentCounts) => string> = {
  segments: (c) => plural(c.segments, 'segment', 'segments'),
  words: (c) => plural(c.words, 'word', 'words'),
  flags: (c) => plural(c.flags, 'open flag', 'open flags'),
  pendingProposals: (c) => plural(c.pendingProposals, 'pending proposal', 'pending proposals'),
  edited: (c) => `${c.edited} edited`,
  hter: (c) => `HTER ${hterPercent(c.hter)}`,
  reviewed: (c) => `${c.reviewed} / ${c.segments} reviewed (${c.percentReviewed}%)`,
};

export function showCounts(counts: DocumentCounts): void {
  for (const el of document.querySelectorAll<HTMLElement>('.doc-head [data-count]')) {
    const text = TEXTS[el.dataset.count ?? ''];
    if (text) el.textContent = text(counts);
  }
  const bar = document.querySelector<HTMLProgressElement>('.doc-head progress');
  if (bar) {
    bar.max = counts.segments;
    bar.value = counts.reviewed;
  }
}

let timer: number | undefined;
let asked = 0;

/** Several rows changing together (a burst of keys) cost one request; a late answer never overwrites a newer one. */
function refresh(documentId: string): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(async () => {
    const ticket = ++asked;
    const counts = await fetchCounts(documentId);
    if (counts && ticket === asked) showCounts(counts);
  }, 60);
}

export function installHeader(): void {
  const documentId = document.querySelector<HTMLElement>('.doc-head[data-document]')?.dataset.document;
  if (!documentId) return;
  document.addEventListener(ROW_UPDATED, () => refresh(documentId));
}
