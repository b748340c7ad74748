import fs from 'node:fs';
import path from 'node:path';
import { parseYaml } from './parse-yaml';
import { PROJECT_ROOT } from '../paths';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './types';
import { elementForms, matchAt, type CompiledPattern, type Element, type WordClasses } from './pattern';
import { checkReferences, compileAt, compileUnless, patternItems, RulePackError, splitFixed, type PatternFields, type PhraseRule, type RuleFamily } from './rulepack';
import { applyFix, expandSuggestion, hasReferences } from './fix';
import { suggestionsFor } from './phrase-matcher';
import { tokenize } from '../text/tokens';

const RENDERING_FIELDS: PatternFields = { pattern: 'mt', suggestions: 'say', noun: 'rendering' };

/**
 * The calque lexicon (data/lexicon/calques/*.yaml): Chinese set phrases and jargon with the literal
 * renderings machine translation produces for them. One entry is one or two lines:
 *
 *   - {zh: 赛道, means: a market segment that companies compete in,
 *      mt: ['@lx-sector [track|racetrack|lane]'], say: [sector, market]}
 *
 *   zh       the Chinese term (its pinyin spells the rule id, lx-saidao; `id` overrides it)
 *   means    what it means, in plain English
 *   mt       literal renderings, in the phrase-pattern language of the rule packs (inflections,
 *            possessives and hyphen/space variants come for free; [brackets] mark what to highlight)
 *   say      natural renderings, best first: replacements for the highlighted words (\1 reuses the
 *            words of the first element, as in rule packs)
 *            A rendering whose grammar needs other replacements carries its own:
 *            {mt: '[C-end] @lx-tech-endnoun', say: [consumer]}; `say` may then be left out of the
 *            entry when every rendering has its own
 *   ex       optional flag examples: 'A sentence with the [span]. => The sentence after the fix.'
 *            (the fixed sentence is required)
 *   ok       optional pass examples: natural sentences with the same words that must not be flagged
 *   unless   optional single words whose presence in the sentence shows the literal sense is meant
 *   not      optional antipatterns: a match overlapping one of these is not a calque
 *            ("a new force in carmaking" for a rendering of 新势力 that must keep "new forces of carmaking")
 *   note     optional: more on why the literal rendering misleads
 *   severity, category   optional; default from the file's `defaults`
 *
 * Every entry is compiled into a phrase rule and run by the same matcher as the rule packs. Each
 * rendering also yields a generated example (the rendering in a neutral sentence, and the sentence
 * its first natural rendering gives), so every entry is tested even without `ex`.
 */
export interface LexiconEntry {
  id: string;
  zh?: string;
  means: string;
  mt: string[];
  say: string[];
  family: string;
  file: string;
}

export interface Lexicon {
  families: RuleFamily[];
  entries: LexiconEntry[];
  /** The word classes of the rule packs and of the lexicon files together. */
  classes: WordClasses;
}

export function lexiconDir(): string {
  return path.join(PROJECT_ROOT, 'data', 'lexicon', 'calques');
}

interface RawEntry {
  id?: unknown;
  zh?: unknown;
  means?: unknown;
  mt?: unknown;
  say?: unknown;
  ex?: unknown;
  ok?: unknown;
  unless?: unknown;
  not?: unknown;
  note?: unknown;
  severity?: unknown;
  category?: unknown;
}

interface RawLexiconFile {
  family?: unknown;
  title?: unknown;
  description?: unknown;
  defaults?: { severity?: unknown; category?: unknown };
  classes?: Record<string, unknown>;
  entries?: RawEntry[];
}

/** Loads every lexicon file of a directory; `classes` are the word classes of the rule packs. */
export function loadLexicon(dir: string = lexiconDir(), classes: WordClasses = {}): Lexicon {
  if (!fs.existsSync(dir)) return { families: [], entries: [], classes };
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const raws = files.map((file) => {
    try {
      return { file, doc: parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as RawLexiconFile };
    } catch (err) {
      throw new RulePackError(`lexicon ${file}: not valid YAML: ${(err as Error).message}`);
    }
  });
  const allClasses: WordClasses = { ...classes };
  for (const { file, doc } of raws) {
    for (const [name, words] of Object.entries(doc?.classes ?? {})) {
      if (Object.hasOwn(allClasses, name)) throw new RulePackError(`lexicon ${file}: word class "${name}" is declared twice`);
      if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) throw new RulePackError(`lexicon ${file}: word class "${name}" must be a list of words`);
      allClasses[name] = words as string[];
    }
  }
  const pinyin = pinyinTable();
  const ids = new Map<string, string>();
  const termOf = new Map<string, string | undefined>();
  const fileOf = new Map<string, string>();
  const families: RuleFamily[] = [];
  const entries: LexiconEntry[] = [];
  for (const { file, doc } of raws) {
    if (!doc?.entries) continue;
    const family = text(doc.family, `lexicon ${file}: "family"`);
    const defaults = {
      severity: oneOf(doc.defaults?.severity ?? 'minor', SEVERITIES, `lexicon ${file}: defaults.severity`) as Severity,
      category: oneOf(doc.defaults?.category ?? 'style/awkward', CATEGORIES, `lexicon ${file}: defaults.category`) as Category,
    };
    const rules: PhraseRule[] = [];
    doc.entries.forEach((raw, i) => {
      const where = `lexicon ${file}: entry ${typeof raw?.zh === 'string' ? raw.zh : `#${i + 1}`}`;
      const { rule, entry } = compileEntry(raw, { family, file, defaults, classes: allClasses, pinyin, where });
      // The same term in two files (炒房 is finance and slang): the later one's id names its family.
      if (ids.has(rule.id) && fileOf.get(rule.id) !== file && (typeof raw.id !== 'string' || termOf.get(rule.id) === entry.zh)) {
        const tagged = `${rule.id}-${family.replace(/^lexicon-/, '')}`;
        if (!ids.has(tagged)) rule.id = entry.id = tagged;
      }
      const other = ids.get(rule.id);
      if (other) throw new RulePackError(`${where}: id "${rule.id}" is already used in ${other}; give one of them an "id"`);
      ids.set(rule.id, `${file} (${entry.zh ?? rule.id})`);
      termOf.set(rule.id, entry.zh);
      fileOf.set(rule.id, file);
      rules.push(rule);
      entries.push(entry);
    });
    families.push({ id: family, title: optionalText(doc.title) ?? family, description: optionalText(doc.description) ?? '', file, rules });
  }
  return { families, entries, classes: allClasses };
}

interface EntryContext {
  family: string;
  file: string;
  defaults: { severity: Severity; category: Category };
  classes: WordClasses;
  pinyin: Map<string, string>;
  where: string;
}

const ENTRY_KEYS = new Set(['id', 'zh', 'means', 'mt', 'say', 'ex', 'ok', 'unless', 'not', 'note', 'severity', 'category']);

function compileEntry(raw: RawEntry, ctx: EntryContext): { rule: PhraseRule; entry: LexiconEntry } {
  const { where } = ctx;
  if (!raw || typeof raw !== 'object') throw new RulePackError(`${where}: an entry is a mapping ({zh: …, means: …, mt: […], say: […]})`);
  for (const key of Object.keys(raw)) {
    // A comma in an unquoted flow-style value splits it into a stray key: say so plainly.
    if (!ENTRY_KEYS.has(key)) throw new RulePackError(`${where}: unknown field "${key}" (quote texts that contain commas)`);
  }
  const zh = optionalText(raw.zh);
  if (zh !== undefined && !/[\p{Script=Han}A-Za-z0-9]/u.test(zh)) throw new RulePackError(`${where}: "zh" must be the Chinese term as written (赛道, C端, yyds, 996)`);
  const id = optionalText(raw.id) ?? (zh ? 'lx-' + spell(zh, ctx.pinyin, where) : undefined);
  if (!id) throw new RulePackError(`${where}: an entry without "zh" needs an "id"`);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new RulePackError(`${where}: id "${id}" must be kebab-case`);
  const means = text(raw.means, `${where}: "means"`);
  const renderings = patternItems(raw.mt, `${where}: "mt"`, RENDERING_FIELDS).map(({ pattern, suggestions }) => ({ mt: pattern, say: suggestions }));
  const mt = renderings.map((r) => r.mt);
  const compile = compileAt(ctx.classes, where);
  const patterns = renderings.map(({ mt: source, say: own }) => {
    const pattern = compile(source);
    if (own !== undefined) pattern.suggestions = list(own, `${where}: rendering "${source}": "say"`, true);
    return pattern;
  });
  const ownAll = patterns.every((p) => p.suggestions);
  const say = ownAll && raw.say === undefined ? [...new Set(patterns.flatMap((p) => p.suggestions!))] : list(raw.say, `${where}: "say"`, true);
  for (const p of patterns) checkReferences(p.suggestions ?? say, p, where);
  const words = raw.unless === undefined ? [] : list(raw.unless, `${where}: "unless"`);
  for (const word of words) {
    if (/\s/.test(word.trim())) throw new RulePackError(`${where}: "unless" takes single words, not "${word}" (write a phrase as an antipattern under "not")`);
  }
  const { unless, unlessPatterns } = compileUnless(words, compile);
  const written = (raw.ex === undefined ? [] : list(raw.ex, `${where}: "ex"`)).map(splitFixed);
  for (const e of written) {
    if (e.fixed === undefined) throw new RulePackError(`${where}: the example "${e.marked}" must state the sentence its first suggestion gives ("… => …")`);
  }
  const generated = patterns.map((p) => generatedExample(p, (p.suggestions ?? say)[0], where));
  const flag = [...written, ...generated];
  const pass = [...(raw.ok === undefined ? [] : list(raw.ok, `${where}: "ok"`)), ...generated.map((g) => g.fixed)];
  const severity = oneOf(raw.severity ?? ctx.defaults.severity, SEVERITIES, `${where}: "severity"`) as Severity;
  const category = oneOf(raw.category ?? ctx.defaults.category, CATEGORIES, `${where}: "category"`) as Category;
  const note = optionalText(raw.note);
  const term = zh ? `${zh} ("${means}")` : `"${means}"`;
  const rule: PhraseRule = {
    id,
    family: ctx.family,
    source: zh,
    patterns,
    antipatterns: (raw.not === undefined ? [] : list(raw.not, `${where}: "not"`)).map(compile),
    unless,
    unlessPatterns,
    message: zh ? `Word-for-word rendering of ${zh}, which means "${means}".` : `Calque: the phrase means "${means}".`,
    explanation:
      `${zh ? `The Chinese ${term}` : `This phrase, meaning ${term},`} is rendered here word for word; ` +
      `an English reader takes the words literally or cannot tell what is meant.${note ? ' ' + note : ''} ` +
      `Say what it means${say[0] ? `, e.g. "${expandSuggestion(say[0], () => '…')}"` : ''}.`,
    suggestions: say,
    hasReferences: [say, ...patterns.map((p) => p.suggestions ?? [])].flat().some(hasReferences),
    category,
    severity,
    examples: { flag: flag.map((e) => e.marked), pass, fixed: flag.map((e) => e.fixed) },
    file: ctx.file,
  };
  return { rule, entry: { id, zh, means, mt, say, family: ctx.family, file: ctx.file } };
}

/**
 * A neutral sentence holding one instance of a rendering, its highlighted part in [brackets], and
 * the sentence its first natural rendering gives — computed by matching the sentence as the
 * flagger would, so the generated expectation cannot drift from what a reviewer gets.
 */
function generatedExample(pattern: CompiledPattern, first: string, where: string): { marked: string; fixed: string } {
  const phrase = pattern.elements.map(instanceOf).filter((w) => w !== '').join(' ').replace(/ ,/g, ',');
  const lead = 'Analysts discussed ';
  const sentence = `${lead}${phrase} at length.`;
  const tokens = tokenize(sentence);
  const at = tokens.findIndex((t) => t.start === lead.length);
  const m = at >= 0 ? matchAt(pattern, tokens, at) : null;
  if (!m) throw new RulePackError(`${where}: the rendering "${pattern.source}" does not match its own example "${sentence}"`);
  const start = tokens[m.highlightFrom].start;
  const end = tokens[m.highlightTo - 1].end;
  const replacement = suggestionsFor({ suggestions: [first], hasReferences: hasReferences(first) }, { ...pattern, suggestions: undefined }, m, tokens, sentence, start)[0];
  return { marked: `${sentence.slice(0, start)}[${sentence.slice(start, end)}]${sentence.slice(end)}`, fixed: applyFix(sentence, start, end, replacement) };
}

function instanceOf(element: Element): string {
  switch (element.kind) {
    case 'words':
      return element.optional ? '' : element.example;
    case 'any':
      return 'new';
    case 'gap':
      return '';
    case 'comma':
      return element.optional ? '' : ',';
  }
}

let pinyinCache: Map<string, string> | undefined;

export function pinyinFile(): string {
  return path.join(PROJECT_ROOT, 'data', 'lexicon', 'pinyin.tsv');
}

function pinyinTable(): Map<string, string> {
  if (pinyinCache) return pinyinCache;
  const table = new Map<string, string>();
  const file = pinyinFile();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0 && !line.startsWith('#')) table.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return (pinyinCache = table);
}

/** 赛道 → "saidao"; letters and digits in the term are kept (C端 → "cduan"). */
function spell(zh: string, pinyin: Map<string, string>, where: string): string {
  let out = '';
  for (const ch of zh) {
    if (/[A-Za-z0-9]/.test(ch)) out += ch.toLowerCase();
    else if (/\p{Script=Han}/u.test(ch)) {
      const py = pinyin.get(ch);
      if (!py) throw new RulePackError(`${where}: no pinyin known for ${ch}; give the entry an "id"`);
      out += py;
    }
  }
  return out;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new RulePackError(`${what} must be a non-empty string`);
  return value.trim();
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function list(value: unknown, what: string, allowEmptyStrings = false): string[] {
  const items = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(items) || items.length === 0 || items.some((v) => typeof v !== 'string' || (!allowEmptyStrings && v.trim() === ''))) {
    throw new RulePackError(`${what} must be a list of one or more texts`);
  }
  return items as string[];
}

function oneOf(value: unknown, allowed: readonly string[], what: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw new RulePackError(`${what} must be one of ${allowed.join(', ')}`);
  return value;
}
