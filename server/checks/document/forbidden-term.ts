import { findTerm, overlaps } from '../../text/term-match';
import { tokenize } from '../../text/tokens';
import type { DocumentCheck, Finding } from '../types';

/** A variant the glossary forbids is used in the target (in any inflected form); the glossary term is the suggestion. */
export const forbiddenTerm: DocumentCheck = {
  meta: {
    id: 'forbidden-term',
    name: 'Forbidden term variant',
    description: "The target uses a variant the document's glossary forbids for one of its terms.",
    category: 'terminology',
    severity: 'major',
    suggests: true,
  },
  examples: {
    flag: [{
      terms: [{ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: ['big model'] }],
      segments: [{ source: '公司发布了多个大模型。', text: 'The company released several [big models].' }],
      suggestion: 'large language model',
    }],
    pass: [
      { terms: [{ sourceTerm: '大模型', targetTerm: 'large language model', forbidden: ['big model'] }], segments: [{ text: 'The company released a large language model.' }] },
      { terms: [{ sourceTerm: '人工智能', targetTerm: 'AI', forbidden: ['artificial intelligence'] }], segments: [{ text: 'A big deal for AI.' }] },
    ],
  },
  run(segments, context) {
    const findings: Finding[][] = segments.map(() => []);
    const terms = (context?.terms ?? []).filter((t) => t.forbidden.length > 0);
    if (terms.length === 0) return findings;
    segments.forEach(({ text }, i) => {
      if (text.trim() === '') return;
      const tokens = tokenize(text);
      const taken: { start: number; end: number }[] = [];
      for (const term of terms) {
        // "large model" forbidden while "large model checkpoint" is the term: a use of the term is not a variant.
        const allowed = term.targetTerm.trim() ? findTerm(text, term.targetTerm, tokens) : [];
        for (const variant of term.forbidden) {
          for (const span of findTerm(text, variant, tokens)) {
            if (allowed.some((a) => overlaps(a, span)) || taken.some((t) => overlaps(t, span))) continue;
            taken.push(span);
            findings[i].push({
              ruleId: 'forbidden-term',
              category: 'terminology',
              severity: 'major',
              start: span.start,
              end: span.end,
              text: text.slice(span.start, span.end),
              message: `The glossary forbids "${variant}" for ${term.sourceTerm}${term.targetTerm ? `: write "${term.targetTerm}"` : ''}.`,
              explanation: term.note ? `Glossary note: ${term.note}` : 'The document\'s glossary lists this variant as one not to use.',
              suggestions: term.targetTerm ? [term.targetTerm] : [],
            });
          }
        }
      }
      findings[i].sort((a, b) => a.start - b.start);
    });
    return findings;
  },
};
