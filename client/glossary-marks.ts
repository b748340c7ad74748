// Marks the glossary's source terms in the source column, with their translation as the title.
import { callJson } from './json-api.js';

interface Entry { sourceTerm: string; targetTerm: string; forbidden: string[] }

function markIn(cell: HTMLElement, entries: Entry[]): void {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest('mark.term')) nodes.push(n as Text);
  for (const node of nodes) {
    for (const entry of entries) {
      const at = node.data.indexOf(entry.sourceTerm);
      if (at < 0) continue;
      const term = node.splitText(at);
      term.splitText(entry.sourceTerm.length);
      const mark = document.createElement('mark');
      mark.className = 'term';
      mark.title = `Glossary: ${entry.targetTerm || '(no translation)'}${entry.forbidden.length ? ` — not ${entry.forbidden.join(', ')}` : ''}`;
      mark.dataset.target = entry.targetTerm;
      term.replaceWith(mark);
      mark.append(term);
      break;
    }
  }
}

let entries: Entry[] = [];

export async function installGlossaryMarks(): Promise<void> {
  const documentId = document.querySelector<HTMLElement>('[data-document]')?.dataset.document;
  if (!documentId || !document.querySelector('td.col-source')) return;
  const reply = await callJson<{ entries: Entry[] }>('GET', `/api/documents/${documentId}/terms`);
  if (!reply.ok) return;
  entries = reply.value.entries.filter((e) => e.sourceTerm.length > 0).sort((a, b) => b.sourceTerm.length - a.sourceTerm.length);
  if (entries.length === 0) return;
  document.querySelectorAll<HTMLElement>('td.col-source').forEach((cell) => markIn(cell, entries));
  // A row re-rendered after an action gets its marks again.
  document.addEventListener('calque:row-updated', (e) => {
    const cell = (e.target as Element | null)?.querySelector<HTMLElement>('td.col-source');
    if (cell) markIn(cell, entries);
  });
}
