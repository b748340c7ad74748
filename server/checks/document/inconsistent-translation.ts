import type { DocumentCheck, Finding } from '../types';

// Most sentences have nothing to normalise, and testing is cheaper than replacing.
const normalise = (s: string) => (/\s\s|[^\S ]|^ | $/.test(s) ? s.replace(/\s+/g, ' ').trim() : s);
const MIN_SOURCE_CHARS = 6;

/**
 * Identical source sentences translated differently (the classic QA "inconsistent target"):
 * the translation used most often is taken as the document's; the others are flagged.
 */
export const inconsistentTranslation: DocumentCheck = {
  meta: {
    id: 'inconsistent-translation',
    name: 'Same source, different translations',
    description: 'A sentence that occurs more than once in the source is translated differently.',
    category: 'terminology',
    severity: 'minor',
    suggests: true,
    needsSource: true,
  },
  examples: {
    flag: [{
      segments: [
        { source: '本公司保留最终解释权。', text: 'The company reserves the right of final interpretation.' },
        { source: '本公司保留最终解释权。', text: 'The company reserves the right of final interpretation.' },
        { source: '本公司保留最终解释权。', text: '[We keep the final say on these terms.]' },
      ],
      suggestion: 'The company reserves the right of final interpretation.',
    }],
    pass: [
      { segments: [{ source: '价格保持稳定。', text: 'Prices stayed stable.' }, { source: '价格保持稳定。', text: 'Prices stayed stable.' }] },
      { segments: [{ source: '好。', text: 'Good.' }, { source: '好。', text: 'Fine.' }] },
    ],
  },
  run(segments, context) {
    const groups = new Map<string, number[]>();
    segments.forEach(({ source }, i) => {
      const s = normalise(source ?? '');
      if (s.length < MIN_SOURCE_CHARS) return;
      const list = groups.get(s) ?? [];
      list.push(i);
      groups.set(s, list);
    });
    const findings: Finding[][] = segments.map(() => []);
    // A whole sentence in the glossary is translated as the glossary says.
    const glossary = new Map<string, string>();
    for (const t of context?.terms ?? []) if (t.targetTerm.trim()) glossary.set(normalise(t.sourceTerm), normalise(t.targetTerm));
    for (const [source, members] of groups) {
      const fixed = glossary.get(source);
      if (members.length < 2 && fixed === undefined) continue;
      const texts = members.map((i) => normalise(segments[i].text));
      const counts = new Map<string, number>();
      for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
      if (counts.size < 2 && (fixed === undefined || counts.has(fixed))) continue;
      const preferred = fixed ?? [...counts].sort((a, b) => b[1] - a[1])[0][0];
      const others = members.filter((_, k) => texts[k] === preferred).map((j) => j + 1);
      for (const [k, i] of members.entries()) {
        const text = segments[i].text;
        if (texts[k] === preferred || text.trim() === '') continue;
        const start = text.length - text.trimStart().length;
        const end = text.trimEnd().length;
        findings[i].push({
          ruleId: 'inconsistent-translation',
          category: 'terminology',
          severity: 'minor',
          start,
          end,
          text: text.slice(start, end),
          message: fixed !== undefined ? 'The glossary translates this sentence differently.' : `The same source is translated differently in segment${others.length > 1 ? 's' : ''} ${others.slice(0, 5).join(', ')}.`,
          explanation: 'A repeated source sentence should usually get the same translation, so readers do not look for a difference that is not there.',
          suggestions: [preferred],
        });
      }
    }
    return findings;
  },
};
