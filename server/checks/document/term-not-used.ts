import { findTerm } from '../../text/term-match';
import { tokenize } from '../../text/tokens';
import type { DocumentCheck, Finding } from '../types';

/**
 * A glossary term occurs in the source and its glossary translation is nowhere in the target
 * (in any inflected form). The finding covers the sentence: where the term should go is for the
 * reviewer to say.
 */
export const termNotUsed: DocumentCheck = {
  meta: {
    id: 'term-not-used',
    name: 'Glossary term not used',
    description: "A source term of the document's glossary occurs and its glossary translation does not.",
    category: 'terminology',
    severity: 'minor',
    suggests: false,
    needsSource: true,
  },
  examples: {
    flag: [{
      terms: [{ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: [] }],
      segments: [{ source: '公司发布了大模型。', text: '[The company released a big model.]' }],
    }],
    pass: [
      { terms: [{ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: [] }], segments: [{ source: '公司发布了两个大模型。', text: 'The company released two large language models.' }] },
      { terms: [{ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: [] }], segments: [{ source: '公司发布了新手机。', text: 'The company released a new phone.' }] },
      { segments: [{ source: '公司发布了大模型。', text: 'The company released a big model.' }] },
    ],
  },
  run(segments, context) {
    const findings: Finding[][] = segments.map(() => []);
    const terms = (context?.terms ?? []).filter((t) => t.targetTerm.trim() !== '');
    if (terms.length === 0) return findings;
    segments.forEach(({ source, text }, i) => {
      if (!source || text.trim() === '') return;
      let tokens: ReturnType<typeof tokenize> | undefined;
      const reported = new Set<string>();
      for (const term of terms) {
        if (reported.has(term.sourceTerm) || findTerm(source, term.sourceTerm).length === 0) continue;
        tokens ??= tokenize(text);
        // Several entries for one source term are alternatives: any of them will do.
        const alternatives = terms.filter((t) => t.sourceTerm === term.sourceTerm);
        reported.add(term.sourceTerm);
        if (alternatives.some((t) => findTerm(text, t.targetTerm, tokens).length > 0)) continue;
        const start = text.length - text.trimStart().length;
        const end = text.trimEnd().length;
        const wanted = alternatives.map((t) => `"${t.targetTerm}"`).join(' or ');
        findings[i].push({
          ruleId: 'term-not-used',
          category: 'terminology',
          severity: 'minor',
          start,
          end,
          text: text.slice(start, end),
          message: `The glossary translates ${term.sourceTerm} as ${wanted}, which this sentence does not use.`,
          explanation: term.note ? `Glossary note: ${term.note}` : 'The document\'s glossary fixes how this term is translated.',
          suggestions: [],
        });
      }
    });
    return findings;
  },
};
