import { elementForms } from '../pattern';
import type { PhraseRule } from '../rulepack';
import type { Finding } from '../types';
import type { Token } from '../../text/tokens';
import { inflections } from '../../text/inflect';

/**
 * The Chinese terms of the phrase rules and the lexicon, used with the source: when the source
 * has 落地 and the translation has a word of one of its literal renderings ("landed in 12 banks"),
 * that word is flagged even where the rendering's full pattern (which must avoid false alarms
 * without a source) does not match. The source is the evidence the pattern otherwise has to be.
 */
interface Term {
  term: string;
  rule: PhraseRule;
  /** Forms of the highlighted words of the rule's patterns, function words and the rule's own suggestions aside. */
  literal: Set<string>;
}

export class SourceTermIndex {
  /** Terms by their first two UTF-16 units, longest first. */
  private readonly byPair = new Map<number, Term[]>();
  readonly size: number;

  constructor(rules: readonly PhraseRule[]) {
    let size = 0;
    for (const rule of rules) {
      if (!rule.source) continue;
      const literal = new Set(literalForms(rule));
      if (literal.size === 0) continue;
      for (const term of rule.source.split(/\s*[/、,，;；]\s*/)) {
        if (!/^\p{Script=Han}{2,}$/u.test(term) || term.includes('X')) continue;
        const key = term.charCodeAt(0) * 0x10000 + term.charCodeAt(1);
        const list = this.byPair.get(key) ?? [];
        list.push({ term, rule, literal });
        this.byPair.set(key, list);
        size++;
      }
    }
    for (const list of this.byPair.values()) list.sort((a, b) => b.term.length - a.term.length);
    this.size = size;
  }

  /** Findings for the literal words of the source's terms in the translation, each term once. */
  find(source: string, text: string, tokens: readonly Token[]): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<PhraseRule>();
    for (let i = 0; i + 1 < source.length; i++) {
      const candidates = this.byPair.get(source.charCodeAt(i) * 0x10000 + source.charCodeAt(i + 1));
      if (!candidates) continue;
      const found = candidates.find((c) => source.startsWith(c.term, i));
      if (!found || seen.has(found.rule)) continue;
      seen.add(found.rule);
      const hit = literalRun(found.literal, tokens);
      if (!hit) continue;
      const start = tokens[hit.from].start;
      const end = tokens[hit.to - 1].end;
      findings.push({
        ruleId: 'source-idiom',
        category: 'accuracy/mistranslation',
        severity: 'major',
        start,
        end,
        text: text.slice(start, end),
        message: `Likely literal translation of ${found.term}`,
        explanation: `The source has ${found.term}. ${found.rule.explanation}`,
        suggestions: found.rule.hasReferences ? found.rule.suggestions.filter((s) => !/\\\d|\{/.test(s)).slice(0, 3) : found.rule.suggestions.slice(0, 3),
      });
      i += found.term.length - 1;
    }
    return findings;
  }
}

/** The first run of adjacent literal words in the translation. */
function literalRun(literal: Set<string>, tokens: readonly Token[]): { from: number; to: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'word' || !literal.has(tokens[i].norm)) continue;
    let to = i + 1;
    while (to < tokens.length && tokens[to].kind === 'word' && literal.has(tokens[to].norm)) to++;
    return { from: i, to };
  }
  return undefined;
}

const FUNCTION_WORDS = new Set(('a an the of to in on at by for from with into and or but as is are was were be been ' +
  'this that these those it its their his her our your my new one more most very not no').split(' '));

/** The literal words of a rule, for use with a source; stored with the knowledge image (rule.literal). */
export function literalForms(rule: PhraseRule): string[] {
  return rule.literal ?? [...computeLiteralForms(rule)];
}

function computeLiteralForms(rule: PhraseRule): Set<string> {
  const natural = new Set<string>();
  for (const s of rule.suggestions) for (const w of s.toLowerCase().match(/[a-z]+/g) ?? []) for (const f of inflections(w)) natural.add(f);
  const literal = new Set<string>();
  for (const pattern of rule.patterns) {
    for (const element of pattern.elements) {
      if (element.kind !== 'words' || !element.highlight) continue;
      // Large word classes stand for context ("@lx-sector track"), not for the calque itself.
      if (element.singles.reduce((n, set) => n + set.size, element.heads.size) > 60) continue;
      for (const form of elementForms(element)) if (!FUNCTION_WORDS.has(form) && !natural.has(form) && form.length > 2) literal.add(form);
    }
  }
  return literal;
}
