import type { Token } from '../text/tokens';
import { firstForms, matchAt, type CompiledPattern } from './pattern';
import type { PhraseRule } from './rulepack';
import type { Finding } from './types';

interface Entry {
  rule: PhraseRule;
  pattern: CompiledPattern;
  /** Forms the next token must have when the pattern's second element is a required word: a cheap pre-check. */
  second: Set<string> | undefined;
}

/**
 * Runs every phrase rule of every pack in one pass over a sentence's tokens. Patterns are
 * indexed by the forms their first word can take, so a token with no rule starting on it costs
 * one Map lookup: the work grows with the text, not with the number of rules.
 */
export class PhraseMatcher {
  private readonly byFirstForm = new Map<string, Entry[]>();
  readonly rules: PhraseRule[];

  constructor(rules: PhraseRule[]) {
    this.rules = rules;
    for (const rule of rules) {
      for (const pattern of rule.patterns) {
        for (const form of firstForms(pattern)) {
          let list = this.byFirstForm.get(form);
          if (!list) this.byFirstForm.set(form, (list = []));
          const next = pattern.elements[1];
          list.push({ rule, pattern, second: next?.kind === 'words' && !next.optional ? next.forms : undefined });
        }
      }
    }
    // Within a rule, the first pattern that matches at a position wins: try longer patterns first,
    // so "compacted layer by layer" beats "compacted" whatever order the rule lists them in.
    for (const list of this.byFirstForm.values()) list.sort((a, b) => b.pattern.elements.length - a.pattern.elements.length);
  }

  run(text: string, tokens: Token[], isEnabled: (ruleId: string) => boolean = () => true): Finding[] {
    const findings: Finding[] = [];
    let sentenceForms: Set<string> | undefined;
    const taken = new Map<string, number>(); // rule id -> token index where its last match ended
    for (let i = 0; i < tokens.length; i++) {
      const entries = tokens[i].kind === 'word' ? this.byFirstForm.get(tokens[i].norm) : undefined;
      if (!entries) continue;
      const nextNorm = i + 1 < tokens.length ? tokens[i + 1].norm : undefined;
      for (const { rule, pattern, second } of entries) {
        if (second && (nextNorm === undefined || !second.has(nextNorm))) continue;
        if ((taken.get(rule.id) ?? -1) > i || !isEnabled(rule.id)) continue;
        const m = matchAt(pattern, tokens, i);
        if (!m) continue;
        if (rule.unless.size > 0) {
          sentenceForms ??= new Set(tokens.map((t) => t.norm));
          if ([...rule.unless].some((w) => sentenceForms!.has(w))) continue;
        }
        if (rule.antipatterns.some((anti) => overlapsAnyMatch(anti, tokens, m.from, m.to))) continue;
        taken.set(rule.id, m.to);
        const start = tokens[m.highlightFrom].start;
        const end = tokens[m.highlightTo - 1].end;
        findings.push({
          ruleId: rule.id,
          category: rule.category,
          severity: rule.severity,
          start,
          end,
          text: text.slice(start, end),
          message: rule.message,
          explanation: rule.explanation,
          suggestions: rule.suggestions.map((s) => matchCase(s, text.slice(start, end))),
        });
      }
    }
    return findings;
  }
}

/** True when the antipattern matches somewhere in the sentence overlapping tokens [from, to). */
function overlapsAnyMatch(anti: CompiledPattern, tokens: Token[], from: number, to: number): boolean {
  const first = anti.elements[0];
  for (let i = 0; i < to; i++) {
    if (first.kind === 'words' && !first.forms.has(tokens[i].norm)) continue;
    const m = matchAt(anti, tokens, i);
    if (m && m.to > from) return true;
  }
  return false;
}

/** "Empower" flagged at a sentence start gets "Enable", not "enable". */
export function matchCase(suggestion: string, original: string): string {
  const first = original.charAt(0);
  if (first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    return suggestion.charAt(0).toUpperCase() + suggestion.slice(1);
  }
  return suggestion;
}
