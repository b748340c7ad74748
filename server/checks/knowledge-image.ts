import fs from 'node:fs';
import path from 'node:path';
import { compilePattern, type CompiledPattern, type WordClasses } from './pattern';
import type { BuiltIndex, Entry, FormInfo, MatcherIndex } from './phrase-matcher';
import type { LiteralWords, PhraseRule, RuleFamily } from './rulepack';
import type { Category, Severity } from './types';

/**
 * The compiled knowledge as stored between runs (dist/knowledge/), so that `calque flag` on one
 * line answers at once although parsing the YAML of some 4,000 rules and lexicon entries takes
 * seconds. Three files:
 *   rules.json     the rules as data, their patterns as source text, compiled the first time the
 *                  matcher tries one (a short text tries a handful of the 12,000 patterns)
 *   examples.json  every rule's examples, read only when something asks for them (the Rules page)
 *   literal.json   every rule's literal words for the source-aware check, read when a source first needs them
 *   index.bin      the matcher's index (which word forms start which patterns and satisfy which
 *                  required words) as flat arrays with a hash table of the forms, so that loading it
 *                  builds no map and no set
 * The files are keyed by a digest of the sources and of the compiler (knowledge-cache.ts), written
 * by `npm run build` and rewritten on the first load after a change.
 */
const FORMAT = 2;

interface StoredRuleData {
  id: string;
  family: string;
  source?: string;
  message: string;
  explanation: string;
  suggestions: string[];
  hasReferences: boolean;
  category: Category;
  severity: Severity;
  file: string;
  /** Pattern sources, with the pattern's own suggestions when it has them. */
  patterns: [string, string[] | null][];
  antipatterns: string[];
  /** The unless forms, joined by spaces: one string parses faster than hundreds. */
  unless: string;
  unlessPatterns: string[];
}

interface StoredMeta {
  format: number;
  key: string;
  classes: WordClasses;
  families: { id: string; title: string; description: string; file: string; rules: number }[];
  rules: StoredRuleData[];
}

export interface Knowledge {
  families: RuleFamily[];
  classes: WordClasses;
}

/** A rule read from the image: its patterns, antipatterns and examples are compiled or read on first use. */
class StoredRule implements PhraseRule {
  readonly id: string;
  readonly family: string;
  readonly source?: string;
  readonly message: string;
  readonly explanation: string;
  readonly suggestions: string[];
  readonly hasReferences: boolean;
  readonly category: Category;
  readonly severity: Severity;
  readonly file: string;
  private compiled?: { patterns: CompiledPattern[]; antipatterns: CompiledPattern[]; unless: Set<string>; unlessPatterns: CompiledPattern[] };

  constructor(
    private readonly data: StoredRuleData,
    private readonly classes: WordClasses,
    private readonly examplesOf: () => PhraseRule['examples'],
    private readonly literalOf: () => LiteralWords | undefined,
  ) {
    this.id = data.id;
    this.family = data.family;
    this.source = data.source;
    this.message = data.message;
    this.explanation = data.explanation;
    this.suggestions = data.suggestions;
    this.hasReferences = data.hasReferences;
    this.category = data.category;
    this.severity = data.severity;
    this.file = data.file;
  }

  get literal() {
    return this.literalOf();
  }

  private get parts() {
    if (!this.compiled) {
      const compile = (source: string) => compilePattern(source, this.classes);
      this.compiled = {
        patterns: this.data.patterns.map(([source, suggestions]) => {
          const pattern = compile(source);
          if (suggestions) pattern.suggestions = suggestions;
          return pattern;
        }),
        antipatterns: this.data.antipatterns.map(compile),
        unless: new Set(this.data.unless === '' ? [] : this.data.unless.split(' ')),
        unlessPatterns: this.data.unlessPatterns.map(compile),
      };
    }
    return this.compiled;
  }

  get patterns() {
    return this.parts.patterns;
  }
  get antipatterns() {
    return this.parts.antipatterns;
  }
  get unless() {
    return this.parts.unless;
  }
  get unlessPatterns() {
    return this.parts.unlessPatterns;
  }
  get examples() {
    return this.examplesOf();
  }
}

// ------------------------------------------------------------------ writing

export function writeKnowledgeImage(dir: string, key: string, knowledge: Knowledge, index: BuiltIndex, literal: (rule: PhraseRule) => LiteralWords | undefined): void {
  const rules = knowledge.families.flatMap((f) => f.rules);
  const ruleNumber = new Map(rules.map((r, i) => [r, i]));
  const meta: StoredMeta = {
    format: FORMAT,
    key,
    classes: knowledge.classes,
    families: knowledge.families.map((f) => ({ id: f.id, title: f.title, description: f.description, file: f.file, rules: f.rules.length })),
    rules: rules.map((r) => ({
      id: r.id,
      family: r.family,
      source: r.source,
      message: r.message,
      explanation: r.explanation,
      suggestions: r.suggestions,
      hasReferences: r.hasReferences,
      category: r.category,
      severity: r.severity,
      file: r.file,
      patterns: r.patterns.map((p) => [p.source, p.suggestions ?? null]),
      antipatterns: r.antipatterns.map((p) => p.source),
      unless: [...r.unless].join(' '),
      unlessPatterns: r.unlessPatterns.map((p) => p.source),
    })),
  };
  const examples = rules.map((r) => r.examples);
  const literals = rules.map((r) => {
    const words = literal(r);
    return words ? `${words.alone.join(' ')}|${words.parts.join(' ')}` : null;
  });

  // Entries in the order the matcher tries them, each named by its rule and pattern number.
  const entryNumber = new Map<Entry, number>(index.entries.map((e, i) => [e, i]));
  const entryRule = new Uint32Array(index.entries.length);
  const entryPattern = new Uint32Array(index.entries.length);
  const required = new Csr();
  index.entries.forEach((e, i) => {
    entryRule[i] = ruleNumber.get(e.rule)!;
    entryPattern[i] = e.rule.patterns.indexOf(e.pattern);
    required.add(Array.from(e.required));
  });
  const classNumber = new Map(index.largeSets.map((set, i) => [set, i]));
  const forms = [...new Set([...index.direct.keys(), ...index.largeSets.flatMap((set) => [...set])])];
  const starts = new Csr();
  const elements = new Csr();
  const classes = new Csr();
  const classesOf = new Map<string, number[]>();
  for (const [set, n] of classNumber) for (const form of set) (classesOf.get(form) ?? classesOf.set(form, []).get(form)!).push(n);
  for (const form of forms) {
    const info = index.direct.get(form);
    starts.add((info?.starts ?? []).map((e) => entryNumber.get(e)!));
    elements.add([...(info?.elements ?? [])]);
    classes.add(classesOf.get(form) ?? []);
  }
  const classStarts = new Csr();
  const classElements = new Csr();
  for (const set of index.largeSets) {
    const info = index.bySet.get(set)!;
    classStarts.add((info.starts ?? []).map((e) => entryNumber.get(e)!));
    classElements.add([...info.elements]);
  }
  const table = new StringTable(forms);
  const sections: Record<string, Uint32Array> = {
    entryRule, entryPattern, ...required.sections('required'), ...starts.sections('starts'), ...elements.sections('elements'),
    ...classes.sections('classes'), ...classStarts.sections('classStarts'), ...classElements.sections('classElements'),
    formStarts: table.starts, formTable: table.table,
  };
  fs.mkdirSync(dir, { recursive: true });
  const tmp = (name: string) => path.join(dir, `${name}.${process.pid}.tmp`);
  fs.writeFileSync(tmp('index.bin'), packSections(sections, table.text, index.elementCount));
  fs.writeFileSync(tmp('examples.json'), JSON.stringify(examples));
  fs.writeFileSync(tmp('literal.json'), JSON.stringify(literals));
  fs.writeFileSync(tmp('rules.json'), JSON.stringify(meta));
  // rules.json last: it carries the key, so a reader never pairs it with another run's index.
  fs.renameSync(tmp('index.bin'), path.join(dir, 'index.bin'));
  fs.renameSync(tmp('examples.json'), path.join(dir, 'examples.json'));
  fs.renameSync(tmp('literal.json'), path.join(dir, 'literal.json'));
  fs.renameSync(tmp('rules.json'), path.join(dir, 'rules.json'));
}

/** Lists of numbers stored flat: list i is values[offsets[i]] … values[offsets[i + 1] - 1]. */
class Csr {
  private readonly offsets: number[] = [0];
  private readonly values: number[] = [];
  add(list: number[]): void {
    for (const v of list) this.values.push(v);
    this.offsets.push(this.values.length);
  }
  sections(name: string): Record<string, Uint32Array> {
    return { [`${name}Offsets`]: Uint32Array.from(this.offsets), [`${name}Values`]: Uint32Array.from(this.values) };
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Strings joined by NUL, their UTF-16 starts, and an open-addressing table from hash to number + 1. */
class StringTable {
  readonly text: string;
  readonly starts: Uint32Array;
  readonly table: Uint32Array;
  constructor(strings: string[]) {
    this.text = strings.join('\0');
    this.starts = new Uint32Array(strings.length + 1);
    for (let i = 0, at = 0; i <= strings.length; i++) {
      this.starts[i] = at;
      if (i < strings.length) at += strings[i].length + 1;
    }
    let size = 1;
    while (size < strings.length * 2) size *= 2;
    this.table = new Uint32Array(size);
    strings.forEach((s, i) => {
      let slot = hash(s) & (size - 1);
      while (this.table[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.table[slot] = i + 1;
    });
  }
}

const INDEX_MAGIC = 'CALQIDX2';

/** magic, u32 header length, header JSON ({sections: {name: [offset, length]}, elementCount, text: [offset, length]}), 4-aligned data. */
function packSections(sections: Record<string, Uint32Array>, text: string, elementCount: number): Buffer {
  const textBytes = Buffer.from(text, 'utf16le');
  const layout: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, values] of Object.entries(sections)) {
    layout[name] = [at, values.length];
    at += values.byteLength;
  }
  const textAt = at;
  const header = Buffer.from(JSON.stringify({ sections: layout, elementCount, text: [textAt, textBytes.length] }), 'utf8');
  const headerLength = (header.length + 3) & ~3;
  const out = Buffer.alloc(12 + headerLength + at + textBytes.length);
  out.write(INDEX_MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerLength, 8);
  header.copy(out, 12);
  const base = 12 + headerLength;
  for (const [name, values] of Object.entries(sections)) Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(out, base + layout[name][0]);
  textBytes.copy(out, base + textAt);
  return out;
}

// ------------------------------------------------------------------ reading

/** The stored knowledge when it was written for `key`, else undefined. */
export function readKnowledgeImage(dir: string, key: string): (Knowledge & { index: MatcherIndex }) | undefined {
  let meta: StoredMeta;
  let bin: Buffer;
  try {
    meta = JSON.parse(fs.readFileSync(path.join(dir, 'rules.json'), 'utf8')) as StoredMeta;
    if (meta.format !== FORMAT || meta.key !== key) return undefined;
    bin = fs.readFileSync(path.join(dir, 'index.bin'));
    if (bin.toString('latin1', 0, 8) !== INDEX_MAGIC) return undefined;
  } catch {
    return undefined;
  }
  let examples: PhraseRule['examples'][] | undefined;
  const examplesFile = path.join(dir, 'examples.json');
  const exampleOf = (i: number) => () => (examples ??= JSON.parse(fs.readFileSync(examplesFile, 'utf8')) as PhraseRule['examples'][])[i];
  let literals: (string | null)[] | undefined;
  const literalFile = path.join(dir, 'literal.json');
  const literalOf = (i: number) => () => {
    const joined = (literals ??= JSON.parse(fs.readFileSync(literalFile, 'utf8')) as (string | null)[])[i];
    if (joined === null) return undefined;
    const [alone, parts] = joined.split('|').map((words) => (words === '' ? [] : words.split(' ')));
    return { alone, parts };
  };
  const rules = meta.rules.map((data, i) => new StoredRule(data, meta.classes, exampleOf(i), literalOf(i)));
  const families: RuleFamily[] = [];
  let next = 0;
  for (const f of meta.families) {
    families.push({ id: f.id, title: f.title, description: f.description, file: f.file, rules: rules.slice(next, next + f.rules) });
    next += f.rules;
  }
  return { families, classes: meta.classes, index: new ImageIndex(bin, rules) };
}

/** The matcher's index read from index.bin: typed-array views on the file, no map or set built. */
class ImageIndex implements MatcherIndex {
  readonly elementCount: number;
  private readonly s: Record<string, Uint32Array> = {};
  private readonly text: string;
  private readonly entries: (Entry | undefined)[];
  private readonly known = new Map<string, FormInfo | null>();

  constructor(bin: Buffer, readonly rules: PhraseRule[]) {
    const headerLength = bin.readUInt32LE(8);
    const header = JSON.parse(bin.toString('utf8', 12, 12 + headerLength).replace(/\0+$/, '')) as { sections: Record<string, [number, number]>; elementCount: number; text: [number, number] };
    const base = 12 + headerLength;
    // Typed arrays need aligned offsets: a file read whole sits at the start of its own buffer.
    const bytes = (bin.byteOffset + base) % 4 === 0 ? bin : Buffer.from(bin);
    for (const [name, [offset, length]] of Object.entries(header.sections)) this.s[name] = new Uint32Array(bytes.buffer, bytes.byteOffset + base + offset, length);
    this.text = bytes.toString('utf16le', base + header.text[0], base + header.text[0] + header.text[1]);
    this.elementCount = header.elementCount;
    this.entries = new Array(this.s.entryRule.length);
  }

  infoOf(norm: string): FormInfo | undefined {
    const cached = this.known.get(norm);
    if (cached !== undefined) return cached ?? undefined;
    const form = this.formNumber(norm);
    let info: FormInfo | null = null;
    if (form !== undefined) {
      const starts = [...this.list('starts', form)];
      const elements = [...this.list('elements', form)];
      for (const cls of this.list('classes', form)) {
        for (const e of this.list('classStarts', cls)) starts.push(e);
        for (const e of this.list('classElements', cls)) elements.push(e);
      }
      // Entries are numbered in the order they are tried: longest pattern first.
      starts.sort((a, b) => a - b);
      info = { starts: starts.length ? starts.map((e) => this.entry(e)) : undefined, elements };
    }
    if (this.known.size >= 200_000) this.known.clear();
    this.known.set(norm, info);
    return info ?? undefined;
  }

  private list(name: string, i: number): Uint32Array {
    const offsets = this.s[`${name}Offsets`];
    return this.s[`${name}Values`].subarray(offsets[i], offsets[i + 1]);
  }

  private entry(e: number): Entry {
    let entry = this.entries[e];
    if (!entry) {
      const rule = this.rules[this.s.entryRule[e]];
      const number = this.s.entryPattern[e];
      const required = this.list('required', e);
      this.entries[e] = entry = {
        rule,
        required,
        order: e,
        get pattern() {
          return rule.patterns[number];
        },
      };
    }
    return entry;
  }

  private formNumber(norm: string): number | undefined {
    const table = this.s.formTable;
    const starts = this.s.formStarts;
    const mask = table.length - 1;
    for (let slot = hash(norm) & mask; ; slot = (slot + 1) & mask) {
      const n = table[slot];
      if (n === 0) return undefined;
      const start = starts[n - 1];
      const end = starts[n] - 1;
      if (end - start === norm.length && this.text.startsWith(norm, start)) return n - 1;
    }
  }
}
