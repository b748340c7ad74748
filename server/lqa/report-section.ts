import { escapeHtml } from '../views/html';
import { csvLine } from '../formats/csv';
import { ANNOTATION_SEVERITIES, MQM_FORMULA, type MqmScore } from './mqm';

const figure = (n: number) => (Number.isFinite(n) ? String(n) : '∞');

/** The report's section on the reviewer's annotations: score, verdict, the weights used. */
export function mqmHtmlSection(score: MqmScore): string {
  const e = escapeHtml;
  const verdict = score.pass ? 'pass' : 'fail';
  const weights = ANNOTATION_SEVERITIES.map((s) => `<tr><td>${s}</td><td class="num">${score.weights[s]}</td><td class="num">${score.bySeverity[s]}</td><td class="num">${score.weights[s] * score.bySeverity[s]}</td></tr>`).join('\n');
  const categories = Object.entries(score.byCategory).sort(([a], [b]) => a.localeCompare(b))
    .map(([c, n]) => `<tr><td>${e(c)}</td><td class="num">${n}</td></tr>`).join('\n');
  return `<h2>Reviewer's MQM score</h2>
<section class="figures">
<div><span>MQM penalty, reviewer's annotations</span><strong data-figure="mqm">${figure(score.perThousand)}</strong>per 1,000 words (${score.penalty} points, ${score.annotations} annotation${score.annotations === 1 ? '' : 's'}, ${score.words} words)</div>
<div><span>Verdict</span><strong data-figure="mqm-verdict">${verdict}</strong>threshold: at most ${score.threshold} per 1,000 words</div>
</section>
<p class="formula">${e(MQM_FORMULA)}. The weights are the document's settings (change them with PUT /api/documents/:id/mqm).</p>
<table><thead><tr><th>Severity</th><th class="num">Weight</th><th class="num">Annotations</th><th class="num">Points</th></tr></thead><tbody>
${weights}
</tbody></table>
${categories ? `<table><thead><tr><th>MQM category</th><th class="num">Annotations</th></tr></thead><tbody>\n${categories}\n</tbody></table>\n` : '<p>No error annotations yet.</p>\n'}`;
}

/** The report CSV's rows for the annotations (same columns as the rest of the report). */
export function* mqmCsvRows(score: MqmScore): Generator<string> {
  yield csvLine(['mqm', score.pass ? 'pass' : 'fail', '', '', '', '', score.annotations, '', '', '', score.words, '', score.penalty, figure(score.perThousand)]);
  for (const s of ANNOTATION_SEVERITIES) yield csvLine(['mqm-severity', `weight ${score.weights[s]}`, '', s, '', '', score.bySeverity[s], '', '', '', '', '', score.weights[s] * score.bySeverity[s], '']);
}
