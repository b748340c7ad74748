import type { DocumentCheck, Finding } from '../types';
import { nameKey, namesIn } from './name-romanisation';

const MIN_SEGMENTS = 2;
const MAX_SEGMENTS = 20_000;
/** A rendering must be used for the term in at least this share of the segments that have it. */
const MIN_SHARE = 0.6;

/** Edit distance, for telling a variant spelling of a name from another name. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/**
 * A name of the source (张一鸣, 小米) rendered one way in most segments and another way in some:
 * "Zhang Yiming" three times, "Chang Yi-ming" once. The source term is any run of 2–4 Han
 * characters repeated across segments; its rendering is the capitalised name that comes with it
 * in most of them. A segment that has the term, lacks that rendering and has a similar-looking
 * name used nowhere else is flagged there.
 */
export const sourceTermConsistency: DocumentCheck = {
  meta: {
    id: 'source-term-consistency',
    name: 'Source name rendered differently',
    description: 'A name that recurs in the source is rendered one way in most segments and differently in some.',
    category: 'terminology',
    severity: 'minor',
    suggests: true,
    needsSource: true,
  },
  examples: {
    flag: [{
      segments: [
        { source: '张一鸣创立了这家公司。', text: 'Zhang Yiming founded the company.' },
        { source: '张一鸣表示增长将放缓。', text: 'Zhang Yiming said growth would slow.' },
        { source: '分析人士预计张一鸣将卸任。', text: 'Analysts expect [Chang Yi-ming] to step down.' },
      ],
      suggestion: 'Zhang Yiming',
    }, {
      terms: [{ sourceTerm: '张一鸣', targetTerm: 'Zhang Yiming', forbidden: [] }],
      segments: [
        { source: '张一鸣创立了这家公司。', text: 'He founded the company.' },
        { source: '张一鸣表示增长将放缓。', text: '[Chang Yiming] said growth would slow.' },
      ],
      suggestion: 'Zhang Yiming',
    }],
    pass: [
      { segments: [
        { source: '张一鸣创立了这家公司。', text: 'Zhang Yiming founded the company.' },
        { source: '张一鸣表示增长将放缓。', text: 'Zhang Yiming said growth would slow.' },
        { source: '分析人士预计张一鸣将卸任。', text: 'Analysts expect him to step down.' },
      ] },
      { segments: [
        { source: '小米发布了新手机。', text: 'Xiaomi released a new phone.' },
        { source: '小米的股价上涨。', text: 'Xiaomi shares rose.' },
        { source: '小米与华为竞争。', text: 'Xiaomi competes with Huawei.' },
      ] },
    ],
  },
  run(segments, context) {
    const findings: Finding[][] = segments.map(() => []);
    // Every 2-4 character run of every source is indexed: bounded, so a huge import stays lean.
    if (segments.length > MAX_SEGMENTS) return findings;
    const names = segments.map((s) => namesIn(s.text));
    const nameSegments = new Map<string, Set<number>>();
    names.forEach((list, i) => list.forEach((n) => {
      const set = nameSegments.get(n.surface) ?? new Set<number>();
      set.add(i);
      nameSegments.set(n.surface, set);
    }));

    const glossary = new Map<string, string>();
    for (const t of context?.terms ?? []) if (t.targetTerm.trim() && /^\p{Script=Han}{2,4}$/u.test(t.sourceTerm.trim())) glossary.set(t.sourceTerm.trim(), t.targetTerm.trim());
    const termSegments = new Map<string, number[]>();
    segments.forEach(({ source }, i) => {
      const seen = new Set<string>();
      for (const run of (source ?? '').match(/\p{Script=Han}+/gu) ?? []) {
        for (let n = 2; n <= 4; n++) for (let k = 0; k + n <= run.length; k++) seen.add(run.slice(k, k + n));
      }
      for (const term of seen) {
        const list = termSegments.get(term);
        if (list) list.push(i);
        else termSegments.set(term, [i]);
      }
    });

    const flagged = new Set<string>();
    for (const [term, members] of termSegments) {
      // A term in most segments of a long document is a common word, not a name.
      if (!glossary.has(term) && (members.length < MIN_SEGMENTS + 1 || (segments.length >= 10 && members.length > segments.length / 2))) continue;
      // The rendering: the name that comes with the term in most of its segments, and rarely without it.
      const counts = new Map<string, number>();
      for (const i of members) for (const surface of new Set(names[i].map((n) => n.surface))) counts.set(surface, (counts.get(surface) ?? 0) + 1);
      // A glossary entry for the term is its rendering, however the document renders it.
      const fixed = glossary.get(term);
      const best = fixed !== undefined ? [fixed, counts.get(fixed) ?? 0] as const : [...counts].sort((a, b) => b[1] - a[1])[0];
      if (fixed === undefined) {
        if (!best || best[1] < MIN_SEGMENTS || best[1] / members.length < MIN_SHARE) continue;
        const outside = [...nameSegments.get(best[0])!].filter((i) => !members.includes(i)).length;
        if (outside > best[1] / 2) continue;
      }
      const [rendering] = best;
      for (const i of members) {
        if (names[i].some((n) => n.surface === rendering)) continue;
        for (const n of names[i]) {
          const onlyHere = glossary.has(term) || nameSegments.get(n.surface)!.size === 1;
          const a = nameKey(n.surface);
          const b = nameKey(rendering);
          if (!onlyHere || distance(a, b) > Math.max(a.length, b.length) / 2) continue;
          const key = `${i}:${n.start}`;
          if (flagged.has(key)) continue;
          flagged.add(key);
          findings[i].push({
            ruleId: 'source-term-consistency',
            category: 'terminology',
            severity: 'minor',
            start: n.start,
            end: n.start + n.surface.length,
            text: n.surface,
            message: glossary.has(term) ? `The glossary renders ${term} "${rendering}".` : `${term} is rendered "${rendering}" elsewhere in this document.`,
            explanation: glossary.has(term) ? `The document's glossary renders ${term} "${rendering}". Readers take a different spelling for a different person or company.`
              : `The source name ${term} appears in ${members.length} segments; ${best[1]} of them render it "${rendering}". Readers take a different spelling for a different person or company.`,
            suggestions: [rendering],
          });
        }
      }
    }
    return findings;
  },
};
