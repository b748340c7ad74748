import type { DocumentRow } from '../db/documents';
import type { StoredFinding } from '../db/findings';
import { countWords } from '../text/tokens';
import { wordEdits } from '../views/word-diff';
import { escapeHtml } from '../views/html';
import { csvLine } from './csv';
import { stripPlaceholders } from './placeholders';
import { dismissalKey, type ExportRow } from './rows';
import type { MqmScore } from '../lqa/mqm';
import { mqmCsvRows, mqmHtmlSection } from '../lqa/report-section';

/** MQM-style severity weights. */
export const SEVERITY_WEIGHTS = { minor: 1, major: 5, critical: 25 } as const;
type Severity = keyof typeof SEVERITY_WEIGHTS;
export const PENALTY_FORMULA = 'penalty per 1,000 words = (1 × minor + 5 × major + 25 × critical findings) × 1,000 ÷ words';

/** Edit-distance buckets of the HTER chart: upper bounds (inclusive) and labels. */
const HTER_BUCKETS: Array<[number, string]> = [[0, 'unchanged'], [0.1, '≤ 10%'], [0.25, '10–25%'], [0.5, '25–50%'], [1, '50–100%'], [Infinity, '> 100%']];

export interface SegmentQuality {
  segment: number;
  unitId: string | null;
  mtFindings: number;
  openFindings: number;
  fixed: number;
  openRules: string[];
  wordEdits: number;
  words: number;
  hter: number;
}

export interface Tally { mt: number; open: number; fixed: number }

export interface QualityReport {
  segments: number;
  words: number;
  mtWords: number;
  wordEdits: number;
  hter: number;
  byRule: Map<string, Tally & { category: string; severity: Severity }>;
  byCategory: Map<string, Tally>;
  bySeverity: Record<Severity, Tally>;
  penaltyMt: number;
  penaltyOpen: number;
  perThousandMt: number;
  perThousandOpen: number;
  hterBuckets: number[];
}

const emptyTally = (): Tally => ({ mt: 0, open: 0, fixed: 0 });
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The quality figures of one segment. A finding counts unless dismissed on the segment or its rule is
 * off for the document; one on the MT is fixed when the current text no longer has it (same rule, same phrase).
 */
export function segmentQuality(row: ExportRow, disabledRules: ReadonlySet<string>): { quality: SegmentQuality; mt: StoredFinding[]; open: StoredFinding[]; fixed: StoredFinding[] } {
  const counts = (f: StoredFinding) => !disabledRules.has(f.ruleId) && !row.dismissed.has(dismissalKey(f.ruleId, f.text));
  const mt = row.findings.filter((f) => f.field === 'mt' && counts(f));
  const open = row.findings.filter((f) => f.field === 'text' && counts(f));
  const remaining = new Map<string, number>();
  for (const f of open) remaining.set(dismissalKey(f.ruleId, f.text), (remaining.get(dismissalKey(f.ruleId, f.text)) ?? 0) + 1);
  const fixed = mt.filter((f) => {
    const key = dismissalKey(f.ruleId, f.text);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    return left === 0;
  });
  const text = stripPlaceholders(row.segment.text);
  const words = countWords(text);
  const edits = wordEdits(stripPlaceholders(row.segment.mt), text);
  return {
    quality: {
      segment: row.segment.index + 1,
      unitId: row.segment.unitId ?? null,
      mtFindings: mt.length,
      openFindings: open.length,
      fixed: fixed.length,
      openRules: [...new Set(open.map((f) => f.ruleId))],
      wordEdits: edits,
      words,
      hter: words === 0 ? (edits > 0 ? 1 : 0) : edits / words,
    },
    mt, open, fixed,
  };
}

/** First pass over the document: every total of the report, without keeping the segments. */
export function buildReport(rows: Iterable<ExportRow>, disabledRules: ReadonlySet<string>): QualityReport {
  const r: QualityReport = {
    segments: 0, words: 0, mtWords: 0, wordEdits: 0, hter: 0,
    byRule: new Map(), byCategory: new Map(), bySeverity: { minor: emptyTally(), major: emptyTally(), critical: emptyTally() },
    penaltyMt: 0, penaltyOpen: 0, perThousandMt: 0, perThousandOpen: 0, hterBuckets: HTER_BUCKETS.map(() => 0),
  };
  for (const row of rows) {
    const { quality, mt, open, fixed } = segmentQuality(row, disabledRules);
    r.segments++;
    r.words += quality.words;
    r.mtWords += countWords(stripPlaceholders(row.segment.mt));
    r.wordEdits += quality.wordEdits;
    r.hterBuckets[HTER_BUCKETS.findIndex(([max]) => quality.hter <= max)]++;
    const tally = (list: StoredFinding[], field: keyof Tally) => {
      for (const f of list) {
        const severity = f.severity as Severity;
        let rule = r.byRule.get(f.ruleId);
        if (!rule) r.byRule.set(f.ruleId, (rule = { ...emptyTally(), category: f.category, severity }));
        rule[field]++;
        let category = r.byCategory.get(f.category);
        if (!category) r.byCategory.set(f.category, (category = emptyTally()));
        category[field]++;
        r.bySeverity[severity][field]++;
      }
    };
    tally(mt, 'mt');
    tally(open, 'open');
    tally(fixed, 'fixed');
  }
  const penalty = (field: 'mt' | 'open') => (Object.keys(SEVERITY_WEIGHTS) as Severity[]).reduce((sum, s) => sum + SEVERITY_WEIGHTS[s] * r.bySeverity[s][field], 0);
  r.penaltyMt = penalty('mt');
  r.penaltyOpen = penalty('open');
  r.perThousandMt = r.mtWords === 0 ? 0 : round((r.penaltyMt * 1000) / r.mtWords, 1);
  r.perThousandOpen = r.words === 0 ? 0 : round((r.penaltyOpen * 1000) / r.words, 1);
  r.hter = r.words === 0 ? 0 : r.wordEdits / r.words;
  return r;
}

const pct = (n: number) => `${round(n * 100, 1)}%`;
const sortedRules = (r: QualityReport) => [...r.byRule].sort(([a, x], [b, y]) => y.mt + y.open - (x.mt + x.open) || a.localeCompare(b));

/** A horizontal bar chart (two series) as SVG, every label escaped. */
export function barChartSvg(title: string, rows: Array<{ label: string; values: number[] }>, series: string[]): string {
  const labelWidth = 190;
  const barArea = 380;
  const rowHeight = 14 * series.length + 12;
  const height = 30 + rows.length * rowHeight + 24;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const colors = ['#b9c2cf', '#c2410c'];
  let body = '';
  rows.forEach((row, i) => {
    const y = 30 + i * rowHeight;
    body += `<text x="${labelWidth - 8}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(row.label)}</text>`;
    row.values.forEach((v, k) => {
      const w = Math.round((v / max) * barArea);
      const by = y + 4 + k * 14;
      body += `<rect x="${labelWidth}" y="${by}" width="${w}" height="12" fill="${colors[k % colors.length]}"><title>${escapeHtml(`${row.label}, ${series[k]}: ${v}`)}</title></rect>`
        + `<text x="${labelWidth + w + 4}" y="${by + 10}">${v}</text>`;
    });
  });
  const legend = series.map((s, k) => `<rect x="${labelWidth + k * 150}" y="${height - 16}" width="12" height="12" fill="${colors[k % colors.length]}"/><text x="${labelWidth + k * 150 + 16}" y="${height - 6}">${escapeHtml(s)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${labelWidth + barArea + 60}" height="${height}" font-size="12" font-family="sans-serif">`
    + `<text x="0" y="16" font-weight="bold">${escapeHtml(title)}</text>${body}${legend}</svg>`;
}

/** A vertical histogram as SVG. */
export function histogramSvg(title: string, bars: Array<{ label: string; value: number }>): string {
  const barWidth = 70;
  const chartHeight = 160;
  const max = Math.max(1, ...bars.map((b) => b.value));
  let body = '';
  bars.forEach((b, i) => {
    const h = Math.round((b.value / max) * chartHeight);
    const x = 10 + i * (barWidth + 10);
    const y = 30 + chartHeight - h;
    body += `<rect x="${x}" y="${y}" width="${barWidth}" height="${h}" fill="#2563eb"><title>${escapeHtml(`${b.label}: ${b.value}`)}</title></rect>`
      + `<text x="${x + barWidth / 2}" y="${y - 4}" text-anchor="middle">${b.value}</text>`
      + `<text x="${x + barWidth / 2}" y="${30 + chartHeight + 16}" text-anchor="middle">${escapeHtml(b.label)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${20 + bars.length * (barWidth + 10)}" height="${chartHeight + 60}" font-size="12" font-family="sans-serif">`
    + `<text x="0" y="16" font-weight="bold">${escapeHtml(title)}</text>${body}</svg>`;
}

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2937}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #e5e7eb;padding:.25rem .6rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.formula{background:#f3f4f6;padding:.6rem .8rem;border-radius:4px}
.figures{display:flex;gap:2rem;flex-wrap:wrap}.figures div{min-width:9rem}.figures strong{display:block;font-size:1.6rem}`;

/**
 * The quality report as a self-contained HTML page (no scripts, inline CSS). `rows` is called twice:
 * once for the totals, once to stream the per-segment table.
 */
export function* reportHtmlChunks(doc: DocumentRow, rows: () => Iterable<ExportRow>, disabledRules: ReadonlySet<string>, mqm?: () => MqmScore): Generator<string> {
  const r = buildReport(rows(), disabledRules);
  const e = escapeHtml;
  yield `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Quality report: ${e(doc.title)}</title><style>${STYLE}</style></head><body>\n`;
  yield `<h1>Quality report: ${e(doc.title)}</h1>\n<p>${e(doc.hasSource ? `${doc.sourceLang} → ${doc.targetLang}` : `${doc.targetLang}, MT only`)} · ${r.segments} segments · generated ${e(new Date().toISOString())}</p>\n`;
  const fixed = r.bySeverity.minor.fixed + r.bySeverity.major.fixed + r.bySeverity.critical.fixed;
  const open = r.bySeverity.minor.open + r.bySeverity.major.open + r.bySeverity.critical.open;
  const mt = r.bySeverity.minor.mt + r.bySeverity.major.mt + r.bySeverity.critical.mt;
  yield `<section class="figures">
<div><span>Penalty, current text</span><strong data-figure="penalty-open">${r.perThousandOpen}</strong>per 1,000 words (${r.penaltyOpen} points, ${r.words} words)</div>
<div><span>Penalty, machine translation</span><strong data-figure="penalty-mt">${r.perThousandMt}</strong>per 1,000 words (${r.penaltyMt} points, ${r.mtWords} words)</div>
<div><span>Findings on the MT</span><strong>${mt}</strong>${fixed} fixed, ${open} still open</div>
<div><span>Edit distance (HTER)</span><strong data-figure="hter">${pct(r.hter)}</strong>${r.wordEdits} word edits / ${r.words} words</div>
</section>\n`;
  if (mqm) yield mqmHtmlSection(mqm());
  yield `<h2>How the score is computed</h2>\n<p class="formula">MQM-style: each finding weighs by severity, minor 1, major 5, critical 25;<br>${e(PENALTY_FORMULA)}.<br>`
    + `Scale: 0 means no findings; lower is better. The current text counts open findings (not dismissed, rule not switched off); the MT counts the findings on the machine translation as imported.<br>`
    + `HTER = word edits from the MT ÷ words of the edited text (word edits: a replaced run counts as its longer side).</p>\n`;
  const categories = [...r.byCategory].sort(([a], [b]) => a.localeCompare(b));
  yield `<h2>Findings by category</h2>\n<figure>${barChartSvg('Findings by category', categories.map(([label, t]) => ({ label, values: [t.mt, t.open] })), ['on the MT', 'still open'])}</figure>\n`;
  yield `<table><thead><tr><th>Category</th><th class="num">On the MT</th><th class="num">Fixed</th><th class="num">Still open</th></tr></thead><tbody>\n`
    + categories.map(([c, t]) => `<tr><td>${e(c)}</td><td class="num">${t.mt}</td><td class="num">${t.fixed}</td><td class="num">${t.open}</td></tr>\n`).join('') + '</tbody></table>\n';
  yield `<h2>Findings by severity</h2>\n<table><thead><tr><th>Severity</th><th class="num">Weight</th><th class="num">On the MT</th><th class="num">Fixed</th><th class="num">Still open</th></tr></thead><tbody>\n`
    + (Object.keys(SEVERITY_WEIGHTS) as Severity[]).map((s) => `<tr><td>${s}</td><td class="num">${SEVERITY_WEIGHTS[s]}</td><td class="num">${r.bySeverity[s].mt}</td><td class="num">${r.bySeverity[s].fixed}</td><td class="num">${r.bySeverity[s].open}</td></tr>\n`).join('') + '</tbody></table>\n';
  yield `<h2>Findings by rule</h2>\n<table><thead><tr><th>Rule</th><th>Category</th><th>Severity</th><th class="num">On the MT</th><th class="num">Fixed</th><th class="num">Still open</th></tr></thead><tbody>\n`
    + sortedRules(r).map(([id, t]) => `<tr><td>${e(id)}</td><td>${e(t.category)}</td><td>${t.severity}</td><td class="num">${t.mt}</td><td class="num">${t.fixed}</td><td class="num">${t.open}</td></tr>\n`).join('') + '</tbody></table>\n';
  yield `<h2>Edit distance</h2>\n<figure>${histogramSvg('Segments by edit distance (HTER)', HTER_BUCKETS.map(([, label], i) => ({ label, value: r.hterBuckets[i] })))}</figure>\n`;
  yield `<h3>Segments edited or still flagged</h3>\n<table class="segments"><thead><tr><th class="num">#</th><th>Unit</th><th class="num">Word edits</th><th class="num">Words</th><th class="num">HTER</th><th class="num">Fixed</th><th>Still open</th></tr></thead><tbody>\n`;
  for (const row of rows()) {
    const { quality: q } = segmentQuality(row, disabledRules);
    if (q.wordEdits === 0 && q.openFindings === 0) continue;
    yield `<tr><td class="num">${q.segment}</td><td>${e(q.unitId ?? '')}</td><td class="num">${q.wordEdits}</td><td class="num">${q.words}</td><td class="num">${pct(q.hter)}</td><td class="num">${q.fixed}</td><td>${e(q.openRules.join(', '))}</td></tr>\n`;
  }
  yield '</tbody></table>\n</body></html>\n';
}

export const REPORT_CSV_COLUMNS = ['kind', 'name', 'category', 'severity', 'segment', 'unit', 'mt_findings', 'fixed', 'open_findings', 'word_edits', 'words', 'hter', 'penalty', 'penalty_per_1000_words'];

/** The report as CSV: a document row, one row per category, per rule, and per segment. */
export function* reportCsvChunks(rows: () => Iterable<ExportRow>, disabledRules: ReadonlySet<string>, mqm?: () => MqmScore): Generator<string> {
  const r = buildReport(rows(), disabledRules);
  const total = (f: keyof Tally) => r.bySeverity.minor[f] + r.bySeverity.major[f] + r.bySeverity.critical[f];
  yield '\uFEFF' + csvLine(REPORT_CSV_COLUMNS);
  yield csvLine(['document', 'current text', '', '', '', '', total('mt'), total('fixed'), total('open'), r.wordEdits, r.words, round(r.hter, 4), r.penaltyOpen, r.perThousandOpen]);
  yield csvLine(['document', 'machine translation', '', '', '', '', total('mt'), '', '', '', r.mtWords, '', r.penaltyMt, r.perThousandMt]);
  if (mqm) yield* mqmCsvRows(mqm());
  for (const [s, t] of Object.entries(r.bySeverity)) yield csvLine(['severity', s, '', s, '', '', t.mt, t.fixed, t.open, '', '', '', SEVERITY_WEIGHTS[s as Severity] * t.open, '']);
  for (const [c, t] of [...r.byCategory].sort(([a], [b]) => a.localeCompare(b))) yield csvLine(['category', c, c, '', '', '', t.mt, t.fixed, t.open, '', '', '', '', '']);
  for (const [id, t] of sortedRules(r)) yield csvLine(['rule', id, t.category, t.severity, '', '', t.mt, t.fixed, t.open, '', '', '', '', '']);
  for (const row of rows()) {
    const { quality: q, open } = segmentQuality(row, disabledRules);
    const penalty = open.reduce((sum, f) => sum + SEVERITY_WEIGHTS[f.severity as Severity], 0);
    yield csvLine(['segment', q.openRules.join(' '), '', '', q.segment, q.unitId, q.mtFindings, q.fixed, q.openFindings, q.wordEdits, q.words, round(q.hter, 4), penalty, '']);
  }
}
