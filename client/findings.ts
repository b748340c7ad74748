// Highlighted phrases and their finding cards: a card is shown when its phrase is clicked or focused.

export function openFindings(mark: HTMLElement): void {
  const row = mark.closest('tr.segment');
  if (!row) return;
  row.querySelectorAll('.finding.open').forEach((card) => card.classList.remove('open'));
  row.querySelectorAll('mark.flag.active').forEach((m) => m.classList.remove('active'));
  mark.classList.add('active');
  for (const id of (mark.dataset.findings ?? '').split(' ')) {
    document.getElementById(id)?.classList.add('open');
  }
}

const markOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>('mark.flag') : null);

export function installFindings(): void {
  document.addEventListener('click', (event) => {
    const mark = markOf(event.target);
    if (mark) openFindings(mark);
  });
  document.addEventListener('focusin', (event) => {
    const mark = markOf(event.target);
    if (mark) openFindings(mark);
  });
  document.addEventListener('keydown', (event) => {
    const mark = markOf(event.target);
    if (!mark || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    openFindings(mark);
    const first = (mark.dataset.findings ?? '').split(' ')[0];
    document.querySelector<HTMLElement>(`#${CSS.escape(first)} button.suggestion`)?.focus();
  });
}
