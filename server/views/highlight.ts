import type { Severity } from '../checks/types';
import { escapeHtml } from './html';

export interface Highlightable {
  id: number;
  start: number;
  end: number;
  severity: Severity;
}

const RANK: Record<Severity, number> = { minor: 1, major: 2, critical: 3 };

/**
 * Renders text with every finding wrapped in a <mark>. Overlapping findings are split into
 * pieces, each piece naming every finding that covers it and taking the worst severity.
 * All text is escaped; the only markup is ours.
 */
export function highlightHtml(text: string, findings: Highlightable[], idPrefix: string): string {
  const valid = findings.filter((f) => f.start >= 0 && f.end <= text.length && f.end > f.start);
  if (valid.length === 0) return escapeHtml(text);
  const cuts = new Set<number>([0, text.length]);
  for (const f of valid) {
    cuts.add(f.start);
    cuts.add(f.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = escapeHtml(text.slice(from, to));
    const covering = valid.filter((f) => f.start <= from && f.end >= to);
    if (covering.length === 0) {
      html += piece;
      continue;
    }
    const worst = covering.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a)).severity;
    const ids = covering.map((f) => `${idPrefix}${f.id}`).join(' ');
    html += `<mark class="flag sev-${worst}" tabindex="0" data-findings="${ids}" aria-describedby="${ids}">${piece}</mark>`;
  }
  return html;
}
