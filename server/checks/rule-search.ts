import type { RuleInfo } from './engine';
import { parseMarkedExample } from './examples';

/** What a search of the rules asks for: words to find in a rule, and its family. */
export interface RuleQuery {
  q: string;
  family: string;
}

/** Reads ?q= and ?family= as the Rules page and GET /api/rules take them. */
export function ruleQueryOf(query: Record<string, unknown>): RuleQuery {
  return {
    q: typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '',
    family: typeof query.family === 'string' ? query.family : '',
  };
}

/**
 * The rules of `family` (any, if empty) whose id, name, explanation, Chinese term, family, a
 * suggestion or the words a flag example highlights ("C-end" of "[the C-end] market") contains
 * `q`, ignoring case; the rule whose id is `q` comes first, before rules that merely mention it (a
 * finding card links to its rule by id).
 */
export function searchRules(rules: readonly RuleInfo[], { q, family }: RuleQuery): RuleInfo[] {
  const needle = q.toLowerCase();
  const has = (t: string) => t.toLowerCase().includes(needle);
  const matches = rules.filter((r) =>
    (!family || r.family === family) &&
    (!needle || [r.id, r.name, r.description, r.source ?? '', r.family, ...r.suggestions].some(has) || r.examples.flag.some((e) => has(highlighted(e)))));
  if (needle) matches.sort((a, b) => Number(b.id.toLowerCase() === needle) - Number(a.id.toLowerCase() === needle));
  return matches;
}

/** The words a flag example marks in [brackets] ('' when it marks none). */
function highlighted(example: string): string {
  const marked = parseMarkedExample(example);
  return marked ? marked.text.slice(marked.start, marked.end) : '';
}
