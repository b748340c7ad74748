import fs from 'node:fs';
import path from 'node:path';
import { parseYaml } from './parse-yaml';
import { PROJECT_ROOT } from '../paths';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './types';
import { compilePattern, elementForms, PatternError, type CompiledPattern, type WordClasses } from './pattern';
import { hasReferences } from './fix';

/** A phrase rule as written in a rule pack (data/rules/*.yaml). */
export interface PhraseRule {
  id: string;
  family: string;
  /** The Chinese expression the calque usually comes from, when there is one. */
  source?: string;
  patterns: CompiledPattern[];
  antipatterns: CompiledPattern[];
  /** Words (inflected) whose presence anywhere in the sentence switches the rule off. */
  unless: Set<string>;
  /** Hyphenated "unless" words ("freeze-dried"), as patterns: a match anywhere in the sentence switches the rule off. */
  unlessPatterns: CompiledPattern[];
  message: string;
  explanation: string;
  suggestions: string[];
  /** Whether some suggestion reuses matched words (\1, \2 …). */
  hasReferences: boolean;
  category: Category;
  severity: Severity;
  /**
   * Flag examples mark the span in [brackets]; `fixed` is the sentence its first suggestion must give
   * (always given in rule packs; a lexicon's written examples may leave it out).
   */
  examples: { flag: string[]; pass: string[]; fixed: (string | undefined)[] };
  file: string;
  /** Literal words for the source-aware check, when stored with the compiled knowledge. */
  readonly literal?: LiteralWords;
}

/**
 * The words of a rule's literal renderings, for the source-aware check: `alone` are renderings in
 * one word ("pollen"), `parts` words of longer ones ("flower" of "flower powder"), which prove
 * nothing by themselves.
 */
export interface LiteralWords {
  alone: string[];
  parts: string[];
}

export interface RuleFamily {
  id: string;
  title: string;
  description: string;
  file: string;
  rules: PhraseRule[];
}

export class RulePackError extends Error {}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** data/rules of the project, from sources (server/checks) or compiled code (dist/server/checks). */
export function rulesDir(): string {
  return path.join(PROJECT_ROOT, 'data', 'rules');
}

/** Loads and validates every *.yaml pack in a directory; throws with the file and rule id on any error. */
export function loadRuleFamilies(dir: string = rulesDir()): RuleFamily[] {
  return loadRulePacks(dir).families;
}

/** The packs of a directory and the word classes they declare (the lexicon uses them too). */
export function loadRulePacks(dir: string = rulesDir()): { families: RuleFamily[]; classes: WordClasses } {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  const raws = files.map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    try {
      return { file, doc: parseYaml(text) as RawPack };
    } catch (err) {
      throw new RulePackError(`${file}: not valid YAML: ${(err as Error).message}`);
    }
  });

  const classes: WordClasses = {};
  for (const { file, doc } of raws) {
    for (const [name, words] of Object.entries(doc?.classes ?? {})) {
      if (Object.hasOwn(classes, name)) throw new RulePackError(`${file}: word class "${name}" is declared twice`);
      if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) {
        throw new RulePackError(`${file}: word class "${name}" must be a list of words`);
      }
      classes[name] = words;
    }
  }

  const seen = new Map<string, string>();
  const families = raws
    .filter(({ doc }) => doc?.rules)
    .map(({ file, doc }) => {
      const family = requireString(doc.family, `${file}: "family"`);
      const rules = doc.rules!.map((raw, i) => {
        const where = `${file}: rule ${raw?.id ?? `#${i + 1}`}`;
        const rule = parseRule(raw, family, file, classes, where);
        const other = seen.get(rule.id);
        if (other) throw new RulePackError(`${where}: id "${rule.id}" is already used in ${other}`);
        seen.set(rule.id, file);
        return rule;
      });
      return { id: family, title: doc.title ?? family, description: doc.description ?? '', file, rules };
    });
  return { families, classes };
}

interface RawPack {
  family?: string;
  title?: string;
  description?: string;
  classes?: Record<string, unknown>;
  rules?: RawRule[];
}

interface RawRule {
  id?: unknown;
  source?: unknown;
  pattern?: unknown;
  patterns?: unknown;
  antipatterns?: unknown;
  unless?: unknown;
  message?: unknown;
  explanation?: unknown;
  suggestions?: unknown;
  category?: unknown;
  severity?: unknown;
  examples?: { flag?: unknown; pass?: unknown };
}

function parseRule(raw: RawRule, family: string, file: string, classes: WordClasses, where: string): PhraseRule {
  const id = requireString(raw.id, `${where}: "id"`);
  if (!RULE_ID.test(id)) throw new RulePackError(`${where}: id must be kebab-case`);
  const patternEntries = raw.patterns !== undefined ? patternItems(raw.patterns, `${where}: "patterns"`, RULE_PACK_FIELDS) : [{ pattern: requireString(raw.pattern, `${where}: "pattern"`) }];
  const compile = compileAt(classes, where);
  const category = requireString(raw.category, `${where}: "category"`);
  if (!(CATEGORIES as readonly string[]).includes(category)) {
    throw new RulePackError(`${where}: category must be one of ${CATEGORIES.join(', ')}`);
  }
  const severity = requireString(raw.severity, `${where}: "severity"`);
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    throw new RulePackError(`${where}: severity must be one of ${SEVERITIES.join(', ')}`);
  }
  const flagWithFixes = stringList(raw.examples?.flag, `${where}: "examples.flag"`).map(splitFixed);
  for (const { marked, fixed } of flagWithFixes) {
    // As ESLint's RuleTester states the fixed output, every flag example states what applying the
    // rule's first suggestion to it gives; the example tests check it.
    if (!fixed) {
      throw new RulePackError(`${where}: flag example "${marked}" does not say what fixing it gives: end it with " => " and the sentence that applying the first suggestion gives`);
    }
  }
  const flag = flagWithFixes.map((e) => e.marked);
  const pass = stringList(raw.examples?.pass, `${where}: "examples.pass"`);
  if (flag.length === 0 || pass.length === 0) {
    throw new RulePackError(`${where}: needs at least one "flag" and one "pass" example`);
  }
  const words = raw.unless === undefined ? [] : stringList(raw.unless, `${where}: "unless"`);
  for (const word of words) {
    if (/\s/.test(word.trim())) throw new RulePackError(`${where}: "unless" takes single words, not "${word}" (use an antipattern for a phrase)`);
  }
  const { unless, unlessPatterns } = compileUnless(words, compile);
  const patterns = patternEntries.map((entry) => {
    const compiled = compile(entry.pattern);
    if (entry.suggestions) compiled.suggestions = suggestionList(entry.suggestions, `${where}: pattern "${entry.pattern}": "suggestions"`);
    return compiled;
  });
  // Rule suggestions serve every pattern without its own; they may be left out when none is left.
  const ownAll = patterns.every((p) => p.suggestions);
  const suggestions = ownAll && raw.suggestions === undefined
    ? [...new Set(patterns.flatMap((p) => p.suggestions!))]
    : suggestionList(raw.suggestions, `${where}: "suggestions"`);
  for (const pattern of patterns) checkReferences(pattern.suggestions ?? suggestions, pattern, where);
  return {
    id,
    family,
    source: raw.source === undefined ? undefined : requireString(raw.source, `${where}: "source"`),
    patterns,
    antipatterns: (raw.antipatterns === undefined ? [] : stringList(raw.antipatterns, `${where}: "antipatterns"`)).map(compile),
    unless,
    unlessPatterns,
    message: requireString(raw.message, `${where}: "message"`).trim(),
    explanation: requireString(raw.explanation, `${where}: "explanation"`).trim(),
    suggestions,
    hasReferences: [suggestions, ...patterns.map((p) => p.suggestions ?? [])].flat().some(hasReferences),
    category: category as Category,
    severity: severity as Severity,
    examples: { flag, pass, fixed: flagWithFixes.map((e) => e.fixed) },
    file,
  };
}

/**
 * "unless" words: single words go into a set of forms; a hyphenated one ("freeze-dried") becomes a
 * pattern, so that "freeze" alone does not switch the rule off.
 */
export function compileUnless(words: string[], compile: (p: string) => CompiledPattern): { unless: Set<string>; unlessPatterns: CompiledPattern[] } {
  const unless = new Set<string>();
  const unlessPatterns: CompiledPattern[] = [];
  for (const word of words) {
    const pattern = compile(word);
    const only = pattern.elements[0];
    if (pattern.elements.length === 1 && only.kind === 'words' && only.sequences.length === 0) for (const f of elementForms(only)) unless.add(f);
    else unlessPatterns.push(compile(word.replace(/-/g, ' ')));
  }
  return { unless, unlessPatterns };
}

/** "The plan will [land] soon. => The plan will take effect soon." : the marked sentence and its fixed form. */
export function splitFixed(example: string): { marked: string; fixed?: string } {
  const at = example.indexOf(' => ');
  if (at < 0) return { marked: example };
  return { marked: example.slice(0, at).trim(), fixed: example.slice(at + 4).trim() };
}

/**
 * A reference \N must name an element of the pattern, and one inside the highlighted part, or the
 * replacement would repeat words that stay in the text. A form reference (help~N) may name any element.
 */
export function checkReferences(suggestions: string[], pattern: CompiledPattern, where: string): void {
  for (const suggestion of suggestions) {
    for (const m of suggestion.matchAll(/\\(\d)|[A-Za-z]~(\d)/g)) {
      const n = Number(m[1] ?? m[2]);
      const element = pattern.elements[n - 1];
      if (!element) throw new RulePackError(`${where}: suggestion "${suggestion}" refers to element ${n}, but pattern "${pattern.source}" has ${pattern.elements.length}`);
      if (m[1] && !element.highlight) throw new RulePackError(`${where}: suggestion "${suggestion}" refers to element ${n} of "${pattern.source}", which is outside the highlighted words`);
    }
  }
}

/** What a list of patterns is called in a file: `patterns` of a rule pack, `mt` of a lexicon entry. */
export interface PatternFields {
  pattern: string;
  suggestions: string;
  noun: string;
}

const RULE_PACK_FIELDS: PatternFields = { pattern: 'pattern', suggestions: 'suggestions', noun: 'pattern' };

/** A list of patterns, each a pattern text or {pattern, suggestions} under the names `fields` gives. */
export function patternItems(value: unknown, what: string, fields: PatternFields): { pattern: string; suggestions?: unknown }[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.length === 0) throw new RulePackError(`${what} must be a list of one or more ${fields.noun}s`);
  return items.map((item, i) => {
    const where = `${what}: ${fields.noun} #${i + 1}`;
    if (typeof item === 'string' && item.trim() !== '') return { pattern: item.trim() };
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const { [fields.pattern]: pattern, [fields.suggestions]: suggestions, ...rest } = item as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length > 0) throw new RulePackError(`${where} has an unknown field "${extra[0]}" (a ${fields.noun} takes "${fields.pattern}" and "${fields.suggestions}")`);
      return { pattern: requireString(pattern, `${where}: "${fields.pattern}"`).trim(), suggestions };
    }
    throw new RulePackError(`${where} must be a pattern text or {${fields.pattern}: …, ${fields.suggestions}: […]}`);
  });
}

/** Compiles a pattern with the packs' word classes, naming the rule that holds it when it is wrong. */
export function compileAt(classes: WordClasses, where: string): (pattern: string) => CompiledPattern {
  return (pattern) => {
    try {
      return compilePattern(pattern, classes);
    } catch (err) {
      if (err instanceof PatternError) throw new RulePackError(`${where}: ${err.message}`);
      throw err;
    }
  };
}

/** Suggestions are replacements for the highlighted words; '' means "delete them". At least one. */
function suggestionList(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw new RulePackError(`${what} must be a list of one or more replacements ('' deletes the highlighted words)`);
  }
  return value as string[];
}

function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new RulePackError(`${what} must be a non-empty string`);
  return value;
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '')) {
    throw new RulePackError(`${what} must be a list of non-empty strings`);
  }
  return value as string[];
}
