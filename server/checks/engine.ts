import { tokenize } from '../text/tokens';
import { checksFingerprint, knowledgeFiles } from './checks-fingerprint';
import { CHECKS, DOCUMENT_CHECKS } from './registry';
import { loadRulePacks, rulesDir, type PhraseRule, type RuleFamily } from './rulepack';
import { lexiconDir, loadLexicon, pinyinFile } from './lexicon';
import { sourcesKey } from './knowledge-cache';
import { readKnowledgeImage, writeKnowledgeImage, type Knowledge } from './knowledge-image';
import { literalForms, SourceTermIndex } from './source/source-terms';
import { PROJECT_ROOT } from '../paths';
import path from 'node:path';
import { PhraseMatcher, type MatcherIndex } from './phrase-matcher';
import { describeSuggestion } from './fix';
import type { Category, Check, DocumentCheck, Finding, GlossaryTerm, Severity } from './types';
import { LLM_RULE } from '../llm/rule';
import { agreeingFinding } from './verb-agreement';

/** What the UI and the API say about any rule, coded check or phrase rule alike. */
export interface RuleInfo {
  id: string;
  kind: 'check' | 'phrase' | 'llm';
  family: string;
  name: string;
  description: string;
  category: Category;
  severity: Severity;
  source?: string;
  suggestions: string[];
  examples: { flag: string[]; pass: string[] };
}

export interface FlagOptions {
  /** Rules switched off (for a document, or by the caller). */
  disabled?: ReadonlySet<string>;
  /** The document's glossary, for the document checks. */
  terms?: readonly GlossaryTerm[];
}

export interface SegmentToFlag {
  text: string;
  source?: string;
}

/** Runs every check and every phrase rule over segments. Built once per process. */
export class Flagger {
  private readonly matcher: PhraseMatcher;
  /** The Chinese terms of the phrase rules, for the source-aware idiom check; built when a source first needs it. */
  private sourceTermIndex: SourceTermIndex | undefined;
  private readonly phraseRules: PhraseRule[];
  readonly rules: RuleInfo[];
  private readonly byId: Map<string, RuleInfo>;

  constructor(
    readonly families: RuleFamily[],
    readonly checks: Check[] = CHECKS,
    readonly documentChecks: DocumentCheck[] = DOCUMENT_CHECKS,
    /** The files the families were compiled from, when known: the fingerprint reads them instead of the rules. */
    private readonly sourceFiles?: string[],
  ) {
    const phraseRules = families.flatMap((f) => f.rules);
    this.matcher = new PhraseMatcher(storedIndex.get(families) ?? phraseRules);
    this.phraseRules = phraseRules;
    // The second reader's rule is listed always, so its findings can be filtered and bulk-accepted like any other.
    this.rules = [...checks.map(checkInfo), ...documentChecks.map(documentCheckInfo), ...phraseRules.map(phraseInfo), LLM_RULE];
    this.byId = new Map(this.rules.map((r) => [r.id, r]));
    if (this.byId.size !== this.rules.length) throw new Error('a check and a phrase rule share an id');
  }

  rule(id: string): RuleInfo | undefined {
    return this.byId.get(id);
  }

  private fingerprintMemo: string | undefined;

  /** A digest of what this flagger finds with (checks-fingerprint.ts); worked out on first use. */
  get fingerprint(): string {
    this.fingerprintMemo ??= checksFingerprint(this.sourceFiles ? { files: this.sourceFiles } : { rules: this.phraseRules },
      [...this.checks, ...this.documentChecks].map((c) => c.meta.id));
    return this.fingerprintMemo;
  }

  flag(segment: SegmentToFlag, options: FlagOptions = {}): Finding[] {
    return this.analyse(segment, options).findings;
  }

  /** The findings of a segment, and its word count from the same tokens (an import needs both). */
  analyse(segment: SegmentToFlag, options: FlagOptions = {}): { findings: Finding[]; wordCount: number } {
    const { text } = segment;
    if (!NOT_BLANK.test(text)) return { findings: [], wordCount: 0 };
    const disabled = options.disabled?.size ? options.disabled : undefined;
    const tokens = tokenize(text);
    const input = { text, tokens, source: segment.source || undefined };
    // Agreement is mended after the nested matches are dropped: a span widened to take the verb in
    // must not make another rule's match of the same words look nested in it.
    const findings = dropNested(this.matcher.run(text, tokens, disabled && ((id) => !disabled.has(id)))).slice(0, MAX_FINDINGS_PER_CHECK)
      .map((f) => agreeingFinding(text, f));
    const phraseCount = findings.length;
    for (const check of this.checks) {
      if (disabled?.has(check.meta.id) || (check.meta.needsSource && !input.source)) continue;
      const found = check.run(input);
      for (let k = 0; k < found.length && k < MAX_FINDINGS_PER_CHECK; k++) findings.push(found[k]);
    }
    if (input.source && !disabled?.has('source-idiom') && this.checks.some((c) => c.meta.id === 'source-idiom')) {
      this.sourceTermIndex ??= new SourceTermIndex(this.phraseRules);
      for (const finding of this.sourceTermIndex.find(input.source, text, tokens)) findings.push(finding);
    }
    let wordCount = 0;
    for (const token of tokens) if (token.kind === 'word') wordCount++;
    return { findings: dropEchoes(findings, phraseCount).sort(byPosition), wordCount };
  }

  /**
   * Loads the dictionaries and lexicons the checks would otherwise load on first use (about half
   * a second), so that the first request or import after a start does not pay for it.
   */
  prepare(): this {
    for (const check of this.checks) check.prepare?.();
    this.sourceTermIndex ??= new SourceTermIndex(this.phraseRules);
    return this;
  }

  /** Ids of the checks that need the whole document. */
  get documentCheckIds(): string[] {
    return this.documentChecks.map((c) => c.meta.id);
  }

  /** Findings of the document-level checks, per segment, in the order given. */
  flagDocument(segments: ReadonlyArray<SegmentToFlag>, options: FlagOptions = {}): Finding[][] {
    const result: Finding[][] = segments.map(() => []);
    const hasSource = segments.some((s) => s.source);
    for (const check of this.documentChecks) {
      if (options.disabled?.has(check.meta.id) || (check.meta.needsSource && !hasSource)) continue;
      check.run(segments, { terms: options.terms }).forEach((found, i) => result[i].push(...found));
    }
    return result;
  }
}

const NOT_BLANK = /\S/;

/**
 * Findings kept per check (and for the phrase rules together) in one segment: nobody reviews more,
 * and a hostile text ("(" 30 million times) must not answer with gigabytes of findings.
 */
export const MAX_FINDINGS_PER_CHECK = 1000;

const byPosition = (a: Finding, b: Finding) => a.start - b.start || b.end - a.end;

/**
 * Some checks often confirm a phrase rule's finding on the same words: the source-aware idiom
 * check ("grasping hand" for 抓手), the quoted-coinage check ("waist collapse" in quotes), the
 * unusual-pairing check ("ecological partners" for 生态). One highlight with the rule's more
 * specific message is enough: drop the echo.
 */
const ECHOES = new Set(['source-idiom', 'quoted-coinage', 'unusual-pairing']);
/** A coinage a rule explains ("intelligentization" for 智能化) is not also a misspelling. */
const ABSORBED = new Set([...ECHOES, 'spelling']);

/**
 * Drops the echoes and spelling flags that overlap a phrase rule's finding (the first
 * `phraseCount` findings). Only phrase rules count: a missing number flags its whole sentence,
 * and must not hide the calques in it.
 */
function dropEchoes(findings: Finding[], phraseCount: number): Finding[] {
  if (!findings.some((f) => ABSORBED.has(f.ruleId))) return findings;
  // Spans of the phrase findings, sorted, with the furthest end reached so far: a span overlaps
  // one of them when the last span starting before its end reaches past its start.
  const phrases = findings.slice(0, phraseCount).sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const f of phrases) reach.push(Math.max(f.end, reach.length ? reach[reach.length - 1] : -1));
  const kept = findings.filter((f) => !ABSORBED.has(f.ruleId));
  const candidates = findings.filter((f) => ABSORBED.has(f.ruleId)).sort((a, b) => a.start - b.start);
  let lastEchoEnd = -1;
  for (const f of candidates) {
    let lo = 0;
    let hi = phrases.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (phrases[mid].start < f.end) (last = mid), (lo = mid + 1);
      else hi = mid - 1;
    }
    if (last >= 0 && reach[last] > f.start) continue;
    if (ECHOES.has(f.ruleId)) {
      // Two echoes on the same words (CC-CEDICT and the lexicon, or a source term in quotes): the first is enough.
      if (f.start < lastEchoEnd) continue;
      lastEchoEnd = f.end;
    }
    kept.push(f);
  }
  return kept;
}

/**
 * Knowledge overlaps (a rule pack and the lexicon both know 赛道): one highlight per phrase is
 * enough. A phrase finding inside another phrase finding's span is dropped; of two on the same
 * span the first wins (rule packs come before the lexicon).
 */
function dropNested(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].start - findings[b].start || findings[b].end - findings[a].end || a - b);
  const kept: Finding[] = [];
  let reach = -1;
  for (const i of order) {
    if (findings[i].end <= reach) continue;
    reach = findings[i].end;
    kept.push(findings[i]);
  }
  return kept;
}

function documentCheckInfo(check: DocumentCheck): RuleInfo {
  const { meta, examples } = check;
  const describe = (segments: { text: string }[]) => segments.map((s) => s.text).join(' / ');
  return {
    id: meta.id,
    kind: 'check',
    family: 'document-checks',
    name: meta.name,
    description: meta.description,
    category: meta.category,
    severity: meta.severity,
    suggestions: [],
    examples: { flag: examples.flag.map((e) => describe(e.segments)), pass: examples.pass.map((e) => describe(e.segments)) },
  };
}

function checkInfo(check: Check): RuleInfo {
  const { meta, examples } = check;
  return {
    id: meta.id,
    kind: 'check',
    family: 'checks',
    name: meta.name,
    description: meta.description,
    category: meta.category,
    severity: meta.severity,
    suggestions: [],
    examples: { flag: examples.flag.map((e) => e.text), pass: examples.pass.map((e) => e.text) },
  };
}

function phraseInfo(rule: PhraseRule): RuleInfo {
  return {
    id: rule.id,
    kind: 'phrase',
    family: rule.family,
    name: rule.message,
    description: rule.explanation,
    category: rule.category,
    severity: rule.severity,
    source: rule.source,
    suggestions: rule.suggestions.map(describeSuggestion),
    // Read when asked for: a stored image loads the examples of 4,000 rules only for the Rules page.
    get examples() {
      return rule.examples;
    },
  };
}

const shared = new Map<string, Flagger>();

export interface KnowledgeDirs {
  /** Rule packs (default data/rules). */
  rulesDir?: string;
  /** Calque lexicon (default data/lexicon/calques); '' for none. */
  lexiconDir?: string;
}

/** The matcher index read with a stored image, for the Flagger built from its families. */
const storedIndex = new WeakMap<RuleFamily[], MatcherIndex>();

export function knowledgeImageDir(): string {
  return path.join(PROJECT_ROOT, 'dist', 'knowledge');
}

/**
 * Rule packs and lexicon entries, as phrase-rule families; from the stored image when it matches
 * the sources (see knowledge-image.ts), else compiled from the YAML and stored for the next run.
 */
export function loadKnowledge(dirs: KnowledgeDirs = {}, options: { cache?: boolean } = {}): RuleFamily[] {
  // Only compiled code keeps an image: tests run from sources and compile every time.
  if (options.cache === false || !__filename.endsWith('.js')) return compileKnowledge(dirs);
  const key = sourcesKey([dirs.rulesDir ?? rulesDir(), dirs.lexiconDir ?? lexiconDir()], [pinyinFile()]);
  const isDefault = path.resolve(dirs.rulesDir ?? rulesDir()) === path.resolve(rulesDir()) && path.resolve(dirs.lexiconDir ?? lexiconDir()) === path.resolve(lexiconDir());
  // Knowledge from other directories (tests, CALQUE_RULES_DIR) is stored beside, under its key.
  const dir = isDefault ? knowledgeImageDir() : path.join(knowledgeImageDir(), 'other', key.slice(0, 16));
  const stored = readKnowledgeImage(dir, key);
  if (stored) {
    storedIndex.set(stored.families, stored.index);
    return stored.families;
  }
  const knowledge = compileKnowledgeWithClasses(dirs);
  try {
    const index = new PhraseMatcher(knowledge.families.flatMap((f) => f.rules)).builtIndex!;
    writeKnowledgeImage(dir, key, knowledge, index, literalForms);
  } catch {
    // A read-only install still works; it compiles at every start.
  }
  return knowledge.families;
}

/** Parses and compiles the YAML of the rule packs and the lexicon. */
export function compileKnowledge(dirs: KnowledgeDirs = {}): RuleFamily[] {
  return compileKnowledgeWithClasses(dirs).families;
}

function compileKnowledgeWithClasses(dirs: KnowledgeDirs = {}): Knowledge {
  const packs = loadRulePacks(dirs.rulesDir ?? rulesDir());
  const lexicon = dirs.lexiconDir === '' ? { families: [], classes: {} } : loadLexicon(dirs.lexiconDir ?? lexiconDir(), packs.classes);
  const ids = new Map(packs.families.flatMap((f) => f.rules.map((r) => [r.id, r.file] as const)));
  for (const rule of lexicon.families.flatMap((f) => f.rules)) {
    if (ids.has(rule.id)) throw new Error(`lexicon ${rule.file}: id "${rule.id}" is already a rule of ${ids.get(rule.id)}`);
  }
  return { families: [...packs.families, ...lexicon.families], classes: { ...packs.classes, ...lexicon.classes } };
}

/** The flagger with the project's knowledge (or the directories given), loaded once per process. */
export function defaultFlagger(dirs: KnowledgeDirs = {}): Flagger {
  const key = `${dirs.rulesDir ?? ''}\0${dirs.lexiconDir ?? ''}`;
  let flagger = shared.get(key);
  if (!flagger) {
    const files = [...knowledgeFiles([dirs.rulesDir ?? rulesDir(), dirs.lexiconDir ?? lexiconDir()]), pinyinFile()];
    shared.set(key, (flagger = new Flagger(loadKnowledge(dirs), CHECKS, DOCUMENT_CHECKS, files)));
  }
  return flagger;
}
