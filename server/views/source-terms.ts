import { findExpressions } from '../checks/source/idiom-lexicon';
import { escapeHtml } from './html';

/**
 * The source sentence with its idioms and jargon marked, each carrying its meaning, so a reviewer
 * sees what the source says even where the translation got it right (and nothing is flagged).
 */
export function sourceTermsHtml(source: string): string {
  if (!/\p{Script=Han}/u.test(source)) return escapeHtml(source);
  const spans: { start: number; end: number; title: string }[] = [];
  for (const entry of findExpressions(source)) {
    for (let at = source.indexOf(entry.term); at >= 0; at = source.indexOf(entry.term, at + entry.term.length)) {
      if (!spans.some((s) => at < s.end && s.start < at + entry.term.length)) {
        spans.push({ start: at, end: at + entry.term.length, title: `${entry.kind === 'idiom' ? 'Idiom' : 'Jargon'}: ${entry.meaning}` });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const s of spans) {
    html += escapeHtml(source.slice(at, s.start));
    html += `<abbr class="src-term" tabindex="0" title="${escapeHtml(s.title)}">${escapeHtml(source.slice(s.start, s.end))}</abbr>`;
    at = s.end;
  }
  return html + escapeHtml(source.slice(at));
}
