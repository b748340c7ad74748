import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { PROJECT_ROOT } from '../paths';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './types';
import { compilePattern, PatternError, type CompiledPattern, type Element, type WordClasses } from './pattern';
import { RulePackError, splitFixed, type PhraseRule, type RuleFamily } from './rulepack';
import { applyFix, expandSuggestion, hasReferences } from './fix';

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
 *   ex       optional flag examples: 'A sentence with the [span]. => The sentence after the fix.'
 *   ok       optional pass examples: natural sentences with the same words that must not be flagged
 *   unless   optional words whose presence in the sentence shows the literal sense is meant
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
  if (!fs.existsSync(dir)) return { families: [], entries: [] };
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const raws = files.map((file) => {
    try {
      return { file, doc: YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as RawLexiconFile };
    } catch (err) {
      throw new RulePackError(`lexicon ${file}: not valid YAML: ${(err as Error).message}`);
    }
  });
  const allClasses: WordClasses = { ...classes };
  for (const { file, doc } of raws) {
    for (const [name, words] of Object.entries(doc?.classes ?? {})) {
      if (allClasses[name]) throw new RulePackError(`lexicon ${file}: word class "${name}" is declared twice`);
      if (!Array.isArray(words) || words.some((w) => typeof w !== 'string')) throw new RulePackError(`lexicon ${file}: word class "${name}" must be a list of words`);
      allClasses[name] = words as string[];
    }
  }
  const pinyin = pinyinTable();
  const ids = new Map<string, string>();
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
      const other = ids.get(rule.id);
      if (other) throw new RulePackError(`${where}: id "${rule.id}" is already used in ${other}; give one of them an "id"`);
      ids.set(rule.id, `${file} (${entry.zh ?? rule.id})`);
      rules.push(rule);
      entries.push(entry);
    });
    families.push({ id: family, title: optionalText(doc.title) ?? family, description: optionalText(doc.description) ?? '', file, rules });
  }
  return { families, entries };
}

interface EntryContext {
  family: string;
  file: string;
  defaults: { severity: Severity; category: Category };
  classes: WordClasses;
  pinyin: Map<string, string>;
  where: string;
}

const ENTRY_KEYS = new Set(['id', 'zh', 'means', 'mt', 'say', 'ex', 'ok', 'unless', 'note', 'severity', 'category']);

function compileEntry(raw: RawEntry, ctx: EntryContext): { rule: PhraseRule; entry: LexiconEntry } {
  const { where } = ctx;
  if (!raw || typeof raw !== 'object') throw new RulePackError(`${where}: an entry is a mapping ({zh: …, means: …, mt: […], say: […]})`);
  for (const key of Object.keys(raw)) {
    // A comma in an unquoted flow-style value splits it into a stray key: say so plainly.
    if (!ENTRY_KEYS.has(key)) throw new RulePackError(`${where}: unknown field "${key}" (quote texts that contain commas)`);
  }
  const zh = optionalText(raw.zh);
  if (zh !== undefined && !/\p{Script=Han}/u.test(zh)) throw new RulePackError(`${where}: "zh" must be the Chinese term`);
  const id = optionalText(raw.id) ?? (zh ? 'lx-' + spell(zh, ctx.pinyin, where) : undefined);
  if (!id) throw new RulePackError(`${where}: an entry without "zh" needs an "id"`);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new RulePackError(`${where}: id "${id}" must be kebab-case`);
  const means = text(raw.means, `${where}: "means"`);
  const mt = list(raw.mt, `${where}: "mt"`);
  const say = list(raw.say, `${where}: "say"`, true);
  const compile = (p: string) => {
    try {
      return compilePattern(p, ctx.classes);
    } catch (err) {
      if (err instanceof PatternError) throw new RulePackError(`${where}: ${err.message}`);
      throw err;
    }
  };
  const patterns = mt.map(compile);
  for (const s of say) {
    for (const m of s.matchAll(/\\(\d)/g)) {
      for (const p of patterns) {
        const el = p.elements[Number(m[1]) - 1];
        if (!el || !el.highlight) throw new RulePackError(`${where}: "${s}" refers to element ${m[1]}, which "${p.source}" does not highlight`);
      }
    }
  }
  const unless = new Set<string>();
  for (const word of raw.unless === undefined ? [] : list(raw.unless, `${where}: "unless"`)) {
    compile(word).elements.forEach((e) => e.kind === 'words' && e.forms.forEach((f) => unless.add(f)));
  }
  const written = (raw.ex === undefined ? [] : list(raw.ex, `${where}: "ex"`)).map(splitFixed);
  const generated = patterns.map((p) => generatedExample(p, say[0]));
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
    antipatterns: [],
    unless,
    message: zh ? `Word-for-word rendering of ${zh}, which means "${means}".` : `Calque: the phrase means "${means}".`,
    explanation:
      `${zh ? `The Chinese ${term}` : `This phrase, meaning ${term},`} is rendered here word for word; ` +
      `an English reader takes the words literally or cannot tell what is meant.${note ? ' ' + note : ''} ` +
      `Say what it means${say[0] ? `, e.g. "${expandSuggestion(say[0], () => '…')}"` : ''}.`,
    suggestions: say,
    hasReferences: say.some(hasReferences),
    category,
    severity,
    examples: { flag: flag.map((e) => e.marked), pass, fixed: flag.map((e) => e.fixed) },
    file: ctx.file,
  };
  return { rule, entry: { id, zh, means, mt, say, family: ctx.family, file: ctx.file } };
}

/**
 * A neutral sentence holding one instance of a rendering, its highlighted part in [brackets], and
 * the sentence its first natural rendering gives.
 */
function generatedExample(pattern: CompiledPattern, first: string): { marked: string; fixed: string } {
  const words: { word: string; highlight: boolean }[][] = pattern.elements.map((e) => instanceOf(e));
  const flat = words.flat();
  let phrase = '';
  let start = -1;
  let end = -1;
  const spans: [number, number][] = [];
  for (const group of words) {
    const from = phrase.length + (phrase && group.length ? 1 : 0);
    for (const w of group) {
      if (phrase) phrase += ' ';
      if (w.highlight && start < 0) start = phrase.length;
      phrase += w.word;
      if (w.highlight) end = phrase.length;
    }
    spans.push(group.length ? [from, phrase.length] : [phrase.length, phrase.length]);
  }
  if (start < 0 || flat.length === 0) throw new Error(`pattern "${pattern.source}" gives no example`);
  const lead = 'Analysts discussed ';
  const sentence = `${lead}${phrase} at length.`;
  const marked = `${lead}${phrase.slice(0, start)}[${phrase.slice(start, end)}]${phrase.slice(end)} at length.`;
  const replacement = expandSuggestion(first, (from, to) => phrase.slice(spans[from - 1][0], spans[to - 1][1]).trim());
  return { marked, fixed: applyFix(sentence, lead.length + start, lead.length + end, replacement) };
}

function instanceOf(element: Element): { word: string; highlight: boolean }[] {
  switch (element.kind) {
    case 'words':
      return element.optional ? [] : [{ word: element.example, highlight: element.highlight }];
    case 'any':
      return [{ word: 'new', highlight: element.highlight }];
    case 'gap':
      return [];
  }
}

let pinyinCache: Map<string, string> | undefined;

function pinyinTable(): Map<string, string> {
  if (pinyinCache) return pinyinCache;
  const table = new Map<string, string>();
  const file = path.join(PROJECT_ROOT, 'data', 'lexicon', 'pinyin.tsv');
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
