import type { DocumentCheck, Finding } from '../types';

// A run of capitalised words, each allowing inner apostrophes and hyphenated syllables
// ("Xi'an", "Yi-ming"), joined by spaces or hyphens: "Zhang Yi-ming", "Hang Zhou".
const NAME = /\b[A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*(?:[ -][A-Z][A-Za-z]*(?:['’-][A-Za-z]+)*){0,2}\b/g;

// Capitalised only because they start a sentence: not part of the name that follows.
const STARTERS = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'For', 'But', 'And', 'This', 'That', 'Its', 'His', 'Her', 'Our',
  'Their', 'When', 'While', 'After', 'Before', 'As', 'If', 'Since', 'With', 'From', 'By', 'To', 'Of', 'Last', 'Next', 'Both']);

/** Letters only, lower case: the spelling-independent identity of a name. */
const key = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

/** Capitalised names in a text, without a sentence-opening word such as "The" or "In". */
export function namesIn(text: string): { start: number; surface: string }[] {
  const out: { start: number; surface: string }[] = [];
  for (const m of text.matchAll(NAME)) {
    const first = /^[A-Za-z]+[ -]/.exec(m[0]);
    const strip = first && STARTERS.has(first[0].slice(0, -1)) ? first[0].length : 0;
    out.push({ start: m.index + strip, surface: m[0].slice(strip) });
  }
  return out;
}

export const nameKey = (name: string) => name.toLowerCase().replace(/[^a-z]/g, '');

interface Mention {
  segment: number;
  start: number;
  surface: string;
}

/**
 * The same name written in different ways across the document ("Zhang Yiming" and "Zhang
 * Yi-ming", "Xi'an" and "Xian", "Hangzhou" and "Hang Zhou", "WeChat" and "Wechat"). The form used
 * most often is taken as the document's own; every other form is flagged with it as suggestion.
 */
export const nameRomanisation: DocumentCheck = {
  meta: {
    id: 'name-romanisation',
    name: 'Name written in different ways',
    description: 'The same name is romanised, hyphenated, spaced or capitalised differently in different segments.',
    category: 'terminology',
    severity: 'minor',
    suggests: true,
  },
  examples: {
    flag: [
      { segments: [{ text: 'Zhang Yiming founded the company.' }, { text: 'Zhang Yiming said growth would slow.' }, { text: 'Analysts expect [Zhang Yi-ming] to step down.' }], suggestion: 'Zhang Yiming' },
      { segments: [{ text: 'The factory is in Hangzhou.' }, { text: 'Prices in Hangzhou rose.' }, { text: 'The [Hang Zhou] office opened in May.' }], suggestion: 'Hangzhou' },
      { segments: [{ text: 'Users pay with WeChat.' }, { text: 'WeChat has a billion users.' }, { text: 'The [Wechat] app was updated.' }], suggestion: 'WeChat' },
      { terms: [{ sourceTerm: '张一鸣', targetTerm: 'Zhang Yiming', forbidden: [] }], segments: [{ text: 'Analysts expect [Zhang Yi-ming] to step down.' }, { text: 'Nothing else.' }], suggestion: 'Zhang Yiming' },
    ],
    pass: [
      { segments: [{ text: 'Zhang Yiming founded the company.' }, { text: 'Zhang Yiming said growth would slow.' }] },
      { segments: [{ text: 'The Mate phone sold well.' }, { text: 'Huawei said the Mate X was next.' }] },
      { segments: [{ text: 'Shares of Apple rose.' }, { text: 'An apple a day.' }] },
      { segments: [{ text: 'BEIJING – Prices fell.' }, { text: 'Officials in Beijing said so.' }] },
    ],
  },
  run(segments, context) {
    // A capitalised word opening a sentence may or may not belong to the name after it ("Later
    // Zhang Yi-ming", "Zhang Yiming said"): drop it when the shorter name occurs on its own elsewhere.
    const raw: (Mention & { atStart: boolean })[] = [];
    segments.forEach(({ text }, segment) => {
      for (const m of text.matchAll(NAME)) {
        let surface = m[0];
        let start = m.index;
        const first = /^[A-Za-z]+[ -]/.exec(surface);
        if (first && STARTERS.has(first[0].slice(0, -1))) {
          surface = surface.slice(first[0].length);
          start += first[0].length;
        }
        raw.push({ segment, start, surface, atStart: /^\W*$/.test(text.slice(0, m.index)) });
      }
    });
    const inside = new Set(raw.map((m) => key(m.surface)));
    const byKey = new Map<string, Mention[]>();
    for (const m of raw) {
      const first = /^[A-Za-z]+ /.exec(m.surface);
      const mention = m.atStart && first && inside.has(key(m.surface.slice(first[0].length)))
        ? { segment: m.segment, start: m.start + first[0].length, surface: m.surface.slice(first[0].length) }
        : m;
      const k = key(mention.surface);
      if (k.length < 4) continue;
      // Datelines and headlines write names in capitals (BEIJING, HONG KONG): a style, not another spelling.
      if (mention.surface === mention.surface.toUpperCase()) continue;
      let list = byKey.get(k);
      if (!list) byKey.set(k, (list = []));
      list.push(mention);
    }
    const findings: Finding[][] = segments.map(() => []);
    // A glossary entry is the truth for its name: even a form used throughout is flagged.
    const glossary = new Map<string, string>();
    for (const t of context?.terms ?? []) if (t.targetTerm.trim()) glossary.set(key(t.targetTerm), t.targetTerm.trim());
    for (const [k, mentions] of byKey) {
      const counts = new Map<string, number>();
      for (const m of mentions) counts.set(m.surface, (counts.get(m.surface) ?? 0) + 1);
      const fixed = glossary.get(k);
      if (counts.size < 2 && (fixed === undefined || counts.has(fixed))) continue;
      // Most frequent form wins; on a tie, the one used first.
      const preferred = fixed ?? [...counts].sort((a, b) => b[1] - a[1])[0][0];
      for (const m of mentions) {
        if (m.surface === preferred) continue;
        findings[m.segment].push({
          ruleId: 'name-romanisation',
          category: 'terminology',
          severity: 'minor',
          start: m.start,
          end: m.start + m.surface.length,
          text: m.surface,
          message: fixed !== undefined ? `The glossary writes "${m.surface}" as "${preferred}".` : `"${m.surface}" is written "${preferred}" elsewhere in this document.`,
          explanation: 'Names should be romanised, spaced, hyphenated and capitalised the same way throughout a document.',
          suggestions: [preferred],
        });
      }
    }
    return findings;
  },
};
