import type { Token } from '../text/tokens';
import { canStart, isPossessive, matchAt, type CompiledPattern, type Element as PatternElement, type TokenMatch } from './pattern';
import { expandSuggestion, upperFirst } from './fix';
import { formOf, participleIsBase, pastOrParticiple, sameAsBase, tenseFromContext, type WordForm } from '../text/conjugate';
import type { PhraseRule } from './rulepack';
import type { Finding } from './types';

/** A pattern as the matcher tries it. `pattern` may be compiled only when first needed (a stored image). */
export interface Entry {
  readonly rule: PhraseRule;
  readonly pattern: CompiledPattern;
  /** Ids of the pattern's required word elements after the first: the sentence must contain a form of each. */
  readonly required: ArrayLike<number>;
  /** Position in the order patterns are tried (longest first). */
  readonly order: number;
}

/** What one word form can do: start patterns, and satisfy required elements of others. */
export interface FormInfo {
  starts: Entry[] | undefined;
  elements: ArrayLike<number>;
  /** The starts split by whether they need other words, made on first use (see startsOf). */
  split?: SplitStarts;
}

/**
 * A common word starts over a hundred patterns ("the" starts 155, "new" 127), nearly all needing
 * other words the sentence lacks. Each pattern that needs one is kept beside the first of those
 * words, so that one array read rejects it. Both lists keep the order entries are tried in.
 */
interface SplitStarts {
  /** Entries with no required word: always tried. */
  free: Entry[];
  keyed: Entry[];
  /** keyed[k].required[0], side by side for a tight loop. */
  firstRequired: Int32Array;
}

function startsOf(info: FormInfo): SplitStarts {
  if (info.split) return info.split;
  const free: Entry[] = [];
  const keyed: Entry[] = [];
  for (const entry of info.starts ?? []) (entry.required.length === 0 ? free : keyed).push(entry);
  return (info.split = { free, keyed, firstRequired: Int32Array.from(keyed, (e) => e.required[0]) });
}

/**
 * Whether a rule's "unless" words or patterns are in the sentence, showing that the literal sense is
 * meant: for the checks that use a rule outside the matcher (the source-aware check), which runs the
 * same test with its results kept per sentence.
 */
export function switchedOffIn(rule: PhraseRule, tokens: readonly Token[]): boolean {
  if (rule.unless.size > 0 && hasAny(rule.unless, formsInSentence(tokens))) return true;
  return rule.unlessPatterns.some((p) => matchesAnywhere(p, tokens));
}

/** The word forms of a sentence for its rules' "unless" words: a possessive ("opera's") counts as its word too. */
function formsInSentence(tokens: readonly Token[]): Set<string> {
  const forms = new Set<string>();
  for (const t of tokens) {
    forms.add(t.norm);
    if (isPossessive(t.norm)) forms.add(t.norm.slice(0, -2));
  }
  return forms;
}

/** What a form can do when it is two forms at once (a possessive and its word, a word and a large class): a new info, the patterns in order. */
function mergedInfo(a: FormInfo | undefined, b: FormInfo): FormInfo {
  const starts = a?.starts && b.starts ? [...a.starts, ...b.starts].sort(longerFirst) : (a?.starts ?? b.starts)?.slice();
  return { starts, elements: [...Array.from(a?.elements ?? []), ...Array.from(b.elements)] };
}

/** Where the matcher learns what a word can do: built from compiled rules, or read from a stored image. */
export interface MatcherIndex {
  readonly rules: PhraseRule[];
  /** Required elements there are, numbered from 0. */
  readonly elementCount: number;
  infoOf(norm: string): FormInfo | undefined;
}

/**
 * Runs every phrase rule of every pack in one pass over a sentence's tokens. Patterns are
 * indexed by the forms their first word can take, so a token with no rule starting on it costs
 * one Map lookup: the work grows with the text, not with the number of rules.
 *
 * Many patterns start with a common word and a gap ("the ...1 [two meetings]"), so a first word
 * alone says little. Before trying a pattern, the matcher checks that the sentence contains some
 * form of each of its other required words (function words aside), which it learns from the same
 * lookup per token.
 */
export class PhraseMatcher {
  private readonly index: MatcherIndex;
  /** seen[element] === stamp when the current sentence has a form of that element. */
  private readonly seen: Int32Array;
  private stamp = 0;
  /** Possessive forms that some rule names as such, merged with their word (see lookup); as many as the index has. */
  private readonly possessives = new Map<string, FormInfo>();
  readonly rules: PhraseRule[];

  constructor(rules: PhraseRule[] | MatcherIndex) {
    this.index = Array.isArray(rules) ? new BuiltIndex(rules) : rules;
    this.rules = this.index.rules;
    this.seen = new Int32Array(this.index.elementCount);
  }

  /** The index built from compiled rules, to store as an image. */
  get builtIndex(): BuiltIndex | undefined {
    return this.index instanceof BuiltIndex ? this.index : undefined;
  }

  run(text: string, allTokens: Token[], isEnabled: (ruleId: string) => boolean = everyRule): Finding[] {
    const findings: Finding[] = [];
    // Quotation marks do not hide a calque: "stuck neck" in quotes is still 卡脖子.
    const tokens = withoutQuotes(allTokens);
    const infos: (FormInfo | undefined)[] = [];
    const stamp = this.nextStamp();
    const seen = this.seen;
    let anyStart = false;
    for (let i = 0; i < tokens.length; i++) {
      const info = tokens[i].kind === 'word' ? this.lookup(tokens[i].norm) : undefined;
      infos.push(info);
      if (!info) continue;
      if (info.starts) anyStart = true;
      const elements = info.elements;
      for (let k = 0; k < elements.length; k++) seen[elements[k]] = stamp;
    }
    if (!anyStart) return findings;

    let sentenceForms: Set<string> | undefined;
    let switchedOff: Map<PhraseRule, boolean> | undefined;
    let taken: Map<string, number> | undefined; // rule id -> token index where its last match ended
    const candidates: Entry[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const info = infos[i];
      if (!info?.starts) continue;
      const { free, keyed, firstRequired } = startsOf(info);
      candidates.length = 0;
      for (let k = 0; k < free.length; k++) candidates.push(free[k]);
      for (let k = 0; k < keyed.length; k++) {
        if (seen[firstRequired[k]] === stamp && allSeen(keyed[k].required, seen, stamp)) candidates.push(keyed[k]);
      }
      if (candidates.length === 0) continue;
      // Each list is in order already: only the two together may need sorting.
      if (free.length > 0 && candidates.length > free.length) candidates.sort(byOrder);
      for (let e = 0; e < candidates.length; e++) {
        const entry = candidates[e];
        const rule = entry.rule;
        if ((taken?.get(rule.id) ?? -1) > i || !isEnabled(rule.id)) continue;
        // Read only now: a stored image compiles a pattern the first time it is tried.
        const pattern = entry.pattern;
        const m = matchAt(pattern, tokens, i);
        if (!m) continue;
        if (rule.unless.size > 0 && hasAny(rule.unless, (sentenceForms ??= formsInSentence(tokens)))) continue;
        if (rule.unlessPatterns.length > 0) {
          // Once per rule and sentence: a rule that matches often must not rescan the sentence each time.
          let off = switchedOff?.get(rule);
          if (off === undefined) (switchedOff ??= new Map()).set(rule, (off = rule.unlessPatterns.some((p) => matchesAnywhere(p, tokens))));
          if (off) continue;
        }
        if (rule.antipatterns.some((anti) => overlapsAnyMatch(anti, tokens, m.from, m.to))) continue;
        (taken ??= new Map()).set(rule.id, m.to);
        const [start, end] = withWholeQuotes(text, tokens[m.highlightFrom].start, tokens[m.highlightTo - 1].end);
        if (rule.category === 'terminology' && glossedByName(text, start, end, rule.suggestions)) continue;
        const flagged = text.slice(start, end);
        findings.push({
          ruleId: rule.id,
          category: rule.category,
          severity: rule.severity,
          start,
          end,
          text: flagged,
          message: rule.message,
          explanation: rule.explanation,
          suggestions: suggestionsFor(rule, pattern, m, tokens, text, start, end),
        });
      }
    }
    return findings;
  }

  /**
   * What a token's form can do. A possessive ("brand's") can do what its word can as well as what
   * rules that name the possessive itself ("people's") can; the two are merged once per form.
   */
  private lookup(norm: string): FormInfo | undefined {
    const info = this.index.infoOf(norm);
    if (!isPossessive(norm)) return info;
    const base = this.index.infoOf(norm.slice(0, -2));
    if (!info || !base) return info ?? base;
    let merged = this.possessives.get(norm);
    if (!merged) this.possessives.set(norm, (merged = mergedInfo(info, base)));
    return merged;
  }

  /** A fresh stamp for a sentence; the marks of earlier sentences become stale at once. */
  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}


/**
 * The index of compiled rules. Word classes of more than LARGE_SET words stay whole sets, looked up
 * as such, instead of being expanded into every pattern that uses them.
 */
export class BuiltIndex implements MatcherIndex {
  /** What each word of the small sets can do. */
  readonly direct = new Map<string, FormInfo & { starts: Entry[] | undefined; elements: number[] }>();
  /** Word classes of more than LARGE_SET words, with what a member can do. */
  readonly bySet = new Map<Set<string>, FormInfo & { starts: Entry[] | undefined; elements: number[] }>();
  readonly largeSets: Set<string>[] = [];
  /** Every pattern, longest first: the order entries are tried in. */
  readonly entries: Entry[] = [];
  /** What a word can do, direct and through classes together, computed on first sight of the word. */
  private readonly known = new Map<string, FormInfo | null>();
  elementCount = 0;

  constructor(readonly rules: PhraseRule[]) {
    // Within a rule, the first pattern that matches at a position wins: try longer patterns first,
    // so "compacted layer by layer" beats "compacted" whatever order the rule lists them in.
    // Registering them longest first keeps every list in that order without sorting each one.
    const all: { rule: PhraseRule; pattern: CompiledPattern }[] = [];
    for (const rule of rules) for (const pattern of rule.patterns) all.push({ rule, pattern });
    all.sort((a, b) => b.pattern.elements.length - a.pattern.elements.length);
    for (const { rule, pattern } of all) {
      const required: number[] = [];
      pattern.elements.forEach((element, i) => {
        if (i === 0 || element.kind !== 'words' || element.optional) return;
        // Marking "of" or "the" for every sentence would cost more than it saves.
        if (hasFunctionWord(element)) return;
        const id = this.elementCount++;
        required.push(id);
        this.register(element, (info) => info.elements.push(id));
      });
      const entry = { rule, pattern, required, order: this.entries.length };
      this.entries.push(entry);
      const first = pattern.elements[0];
      if (first.kind === 'words') this.register(first, (info) => (info.starts ??= []).push(entry));
    }
  }

  /** Calls `add` with the info of every form of the element, or of its classes as wholes. */
  private register(element: Extract<CompiledPattern['elements'][number], { kind: 'words' }>, add: (info: { starts: Entry[] | undefined; elements: number[] }) => void): void {
    for (const set of element.singles) {
      if (set.size > LARGE_SET) {
        let info = this.bySet.get(set);
        if (!info) {
          this.bySet.set(set, (info = { starts: undefined, elements: [] }));
          this.largeSets.push(set);
        }
        add(info);
      } else {
        for (const form of set) add(this.directInfo(form));
      }
    }
    for (const head of element.heads) add(this.directInfo(head));
  }

  private directInfo(form: string) {
    let info = this.direct.get(form);
    if (!info) this.direct.set(form, (info = { starts: undefined, elements: [] }));
    return info;
  }

  infoOf(norm: string): FormInfo | undefined {
    let info = this.known.get(norm);
    if (info !== undefined) return info ?? undefined;
    const direct = this.direct.get(norm);
    let merged: FormInfo | undefined;
    for (const set of this.largeSets) if (set.has(norm)) merged = mergedInfo(merged ?? direct, this.bySet.get(set)!);
    info = merged ?? direct ?? null;
    // Running text repeats its words; a stream of new ones must not grow the memo without end.
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(norm, info);
    return info ?? undefined;
  }

}

// English function words: in nearly every sentence, so useless as evidence that a pattern may match.
const FUNCTION_WORDS = new Set(
  ('a an the this that these those some any each every no all both either neither such ' +
    'of to in on at by for from with without into onto upon over under about above below between among through ' +
    'during before after since until against toward towards across along around behind beyond within ' +
    'and or but nor so yet as if than then because while although though whether ' +
    'i you he she it we they me him her us them my your his its our their mine yours ours theirs ' +
    'who whom whose which what where when why how there here ' +
    'be is are was were been being am have has had having do does did done doing ' +
    'will would shall should can could may might must not more most very also just only').split(' '),
);

const everyRule = () => true;

/** Sets larger than this (word classes) are looked up as wholes instead of word by word. */
const LARGE_SET = 64;
const MAX_KNOWN = 200_000;

const longerFirst = (a: Entry, b: Entry) => a.order - b.order;
const byOrder = longerFirst;

const functionWordSets = new WeakMap<Set<string>, boolean>();

function hasFunctionWord(element: Extract<CompiledPattern['elements'][number], { kind: 'words' }>): boolean {
  for (const set of element.singles) {
    let has = functionWordSets.get(set);
    if (has === undefined) {
      has = false;
      if (set.size < FUNCTION_WORDS.size) {
        for (const w of set) if (FUNCTION_WORDS.has(w)) has = true;
      } else {
        for (const w of FUNCTION_WORDS) if (set.has(w)) has = true;
      }
      functionWordSets.set(set, has);
    }
    if (has) return true;
  }
  for (const head of element.heads) if (FUNCTION_WORDS.has(head)) return true;
  return false;
}

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '「', '」', '『', '』']);

function withoutQuotes(tokens: Token[]): Token[] {
  let quotes = 0;
  for (let i = 0; i < tokens.length; i++) if (tokens[i].kind === 'punct' && QUOTES.has(tokens[i].norm)) quotes++;
  return quotes === 0 ? tokens : tokens.filter((t) => t.kind !== 'punct' || !QUOTES.has(t.norm));
}

/**
 * The suggestions for one match (the pattern's own, or the rule's): references to matched words and
 * their forms filled in, and a capital first letter where the flagged words start a sentence.
 */
export function suggestionsFor(rule: Pick<PhraseRule, 'suggestions' | 'hasReferences'>, pattern: CompiledPattern, m: TokenMatch, tokens: Token[], text: string, start: number,
  end = tokens[m.highlightTo - 1].end): string[] {
  const suggestions = pattern.suggestions ?? rule.suggestions;
  const sentenceStart = startsUpperCase(text.charAt(start)) && startsSentence(text, start);
  // The text from the first to the last word that elements from..to matched (empty ones aside).
  const elementsText = (from: number, to: number) => {
    let first = -1;
    let last = -1;
    let firstElement: PatternElement | undefined;
    for (let n = from; n <= to; n++) {
      const a = m.elements[2 * (n - 1)];
      const b = m.elements[2 * (n - 1) + 1];
      if (b <= a) continue;
      if (first < 0) {
        first = a;
        firstElement = pattern.elements[n - 1];
      }
      last = b;
    }
    if (first < 0) return '';
    // A plural possessive inside the highlight ("[brands' potential energy]"): its apostrophe was
    // read past as a quotation mark, but the words reused must keep it ("brands' momentum").
    const stop = tokens[last - 1].end;
    const possessive = stop < end && (text[stop] === "'" || text[stop] === '’') && /s$/i.test(tokens[last - 1].norm);
    const reused = text.slice(tokens[first].start, possessive ? stop + 1 : stop);
    // "Medical new infrastructure" → "new \1 infrastructure": the capital was the sentence's, not
    // the word's, so it stays at the front ("New medical infrastructure"); a name keeps its own.
    const ownCapital = !sentenceStart || tokens[first].start !== start || !/^\p{Lu}\p{Ll}/u.test(reused) || isName(firstElement, tokens[first].norm);
    return ownCapital ? reused : reused.charAt(0).toLowerCase() + reused.slice(1);
  };
  const elementForm = (n: number) => formOfElement(pattern, n, m, tokens);
  // Two suggestions can fill in alike ("PC game~1" and "PC games" after "end games"): list it once.
  const filled = rule.hasReferences ? [...new Set(suggestions.map((s) => expandSuggestion(s, elementsText, elementForm, (n) => wordsBefore(m, n, tokens))))] : suggestions;
  const fitted = withoutEchoedNeighbours(filled, text, start, end);
  // A capital mid-sentence belongs to a name ("the Hundred Glasses Battle"), not to the replacement,
  // unless the words around are capitalised too: then it is a heading ("New Force Rankings Set").
  if (inTitleCase(text, start, end)) return fitted.map(titleCase);
  return sentenceStart ? fitted.map((s) => matchCase(s, text.charAt(start))) : fitted;
}

const WORD_BEFORE = /(\p{L}+)\s+$/u;
const WORD_AFTER = /^\s+(\p{L}+)/u;

/**
 * A suggestion that starts with the word just before the highlight, or ends with the word just
 * after it, would double it: "their own [private traffic]" → "own customer channels" gives "their
 * own customer channels", not "their own own customer channels". A one-word suggestion that is
 * that word ("control of [terminal] retail" → "retail") is left out, if another one remains.
 */
function withoutEchoedNeighbours(suggestions: string[], text: string, start: number, end: number): string[] {
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1].toLowerCase();
  const after = WORD_AFTER.exec(text.slice(end, end + 40))?.[1].toLowerCase();
  if (before === undefined && after === undefined) return suggestions;
  const echoes = (s: string) => !s.includes(' ') && (s.toLowerCase() === before || s.toLowerCase() === after);
  const kept = suggestions.filter((s) => !echoes(s));
  return (kept.length > 0 ? kept : suggestions).map((s) => {
    let out = s;
    const space = out.indexOf(' ');
    if (before !== undefined && space > 0 && out.slice(0, space).toLowerCase() === before) out = out.slice(space + 1);
    const last = out.lastIndexOf(' ');
    if (after !== undefined && last > 0 && out.slice(last + 1).toLowerCase() === after) out = out.slice(0, last);
    return out;
  });
}

/** Whether a pattern element was written with `word` as a name ("Honor", "Huawei"): a capital it keeps. */
function isName(element: PatternElement | undefined, word: string): boolean {
  if (element?.kind !== 'words') return false;
  for (const name of element.names) if (name === word || name.startsWith(word + ' ') || name.startsWith(word + '-')) return true;
  return false;
}

const WORD_RUN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * Every word of the span is capitalised ("Big", not "C-end" or "AI"), and so is a word beside it:
 * a heading or a title. A single word that starts a sentence is capitalised by the sentence.
 */
function inTitleCase(text: string, start: number, end: number): boolean {
  const words = text.slice(start, end).match(WORD_RUN) ?? [];
  if (words.length === 0 || !words.every((w) => CAPITALISED.test(w) || /^\p{N}/u.test(w))) return false;
  if (words.length === 1 && startsSentence(text, start)) return false;
  // The nearest word on each side on the same line; before, past one small word ("Enter the 'Midfield Battle'").
  // (Only 60 characters each way are read: a search of the whole text per match would be quadratic.)
  const window = Math.max(0, start - 60);
  const from = window + text.slice(window, start).lastIndexOf('\n') + 1;
  const ahead = text.slice(end, end + 60);
  const previous = [...text.slice(from, start).matchAll(WORD_RUN)].slice(-2).reverse();
  const before = previous[0] && SMALL_WORDS.has(previous[0][0].toLowerCase()) ? previous[1] : previous[0];
  const after = /^[\s"”'’]*([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(ahead.split('\n', 1)[0])?.slice(1);
  // The word before counts unless it is capitalised only because it starts the sentence.
  return (before !== undefined && CAPITALISED.test(before[0]) && !SMALL_WORDS.has(before[0].toLowerCase()) && !startsSentence(text, from + before.index!)) ||
    (after !== undefined && CAPITALISED.test(after[0]) && !SMALL_WORDS.has(after[0].toLowerCase()));
}

const CAPITALISED = /^\p{Lu}\p{Ll}/u;

const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'vs']);

/** "start-up rankings" → "Start-up Rankings"; small words stay small, "iPhone" and "EV" as they are. */
function titleCase(suggestion: string): string {
  let index = 0;
  return suggestion.replace(WORD_RUN, (word) => (index++ > 0 && SMALL_WORDS.has(word) ? word : startsLowerCase(word) ? upperFirst(word) : word));
}

function startsLowerCase(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toUpperCase() && first === first.toLowerCase() && !/^\p{Ll}\p{Lu}/u.test(word);
}

/**
 * A highlight that takes in one quotation mark of a pair ("machine sea" tactics: the matcher reads
 * through quotes) takes in the other as well, so that replacing it leaves no stray mark.
 */
function withWholeQuotes(text: string, start: number, end: number): [number, number] {
  const span = text.slice(start, end);
  if (!ANY_QUOTE.test(span)) return [start, end];
  const straight = span.split('"').length - 1;
  if (straight % 2 === 1) {
    if (text[start - 1] === '"') return [start - 1, end];
    if (text[end] === '"') return [start, end + 1];
  }
  for (const [open, close] of CURLY_PAIRS) {
    const opens = span.split(open).length - 1;
    const closes = span.split(close).length - 1;
    if (closes > opens && text[start - 1] === open) return [start - 1, end];
    if (opens > closes && text[end] === close) return [start, end + 1];
  }
  return [start, end];
}

const CURLY_PAIRS = [['“', '”'], ['«', '»'], ['「', '」'], ['『', '』']] as const;
/** Any mark withWholeQuotes pairs: a span with none of them needs no counting. */
const ANY_QUOTE = new RegExp(`["${CURLY_PAIRS.flat().join('')}]`);

/** Up to three words right before element n's match, in order (punctuation ends them). */
function wordsBefore(m: TokenMatch, n: number, tokens: Token[]): string[] {
  const before: string[] = [];
  for (let i = m.elements[2 * (n - 1)] - 1; i >= 0 && before.length < 3 && tokens[i].kind === 'word'; i--) before.unshift(tokens[i].norm);
  return before;
}

/** The form of the (last) word that element n matched: "empowers" is the s form of "empower". */
function formOfElement(pattern: CompiledPattern, n: number, m: TokenMatch, tokens: Token[]): WordForm {
  const from = m.elements[2 * (n - 1)];
  const to = m.elements[2 * (n - 1) + 1];
  const element = pattern.elements[n - 1];
  if (!element || to <= from) return 'base';
  const word = tokens[to - 1].norm;
  const form = element.kind === 'words' ? formOf(word, element.bases) : 'base';
  // "put", "set", "cut" are base, past and participle alike, "run" and "become" base and participle:
  // the words before tell which.
  const allForms = form === 'base' && sameAsBase(word);
  const baseOrParticiple = form === 'base' && participleIsBase(word);
  if (form !== 'ed' && !allForms && !baseOrParticiple) return form;
  const before = wordsBefore(m, n, tokens);
  if (baseOrParticiple) return pastOrParticiple(before) === 'participle' ? 'participle' : 'base';
  return allForms ? tenseFromContext(before) : pastOrParticiple(before);
}

function hasAny(words: ReadonlySet<string>, forms: ReadonlySet<string>): boolean {
  for (const w of words) if (forms.has(w)) return true;
  return false;
}

function allSeen(required: ArrayLike<number>, seen: Int32Array, stamp: number): boolean {
  for (let k = 0; k < required.length; k++) if (seen[required[k]] !== stamp) return false;
  return true;
}

function matchesAnywhere(pattern: CompiledPattern, tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) if (canStart(pattern, tokens[i].norm) && matchAt(pattern, tokens, i)) return true;
  return false;
}

/** True when the antipattern matches somewhere in the sentence overlapping tokens [from, to). */
function overlapsAnyMatch(anti: CompiledPattern, tokens: Token[], from: number, to: number): boolean {
  // A match of the antipattern spans at most maxSpan tokens: only those starting that close before
  // `from` can reach into the match. (Scanning from the sentence start made a sentence with many
  // matches quadratic.)
  for (let i = Math.max(0, from - maxSpan(anti) + 1); i < to; i++) {
    if (!canStart(anti, tokens[i].norm)) continue;
    const m = matchAt(anti, tokens, i);
    if (m && m.to > from) return true;
  }
  return false;
}

const spans = new WeakMap<CompiledPattern, number>();

/** The most tokens a match of the pattern can cover (every element takes a bounded number of words). */
function maxSpan(pattern: CompiledPattern): number {
  let span = spans.get(pattern);
  if (span === undefined) {
    span = 0;
    for (const el of pattern.elements) {
      if (el.kind === 'gap') span += el.max;
      else if (el.kind === 'any' || el.kind === 'comma') span += 1;
      else span += Math.max(1, ...el.sequences.map((seq) => seq.tail.length + 1));
    }
    spans.set(pattern, span);
  }
  return span;
}

/** Whether only spaces, quotation marks and brackets stand between `at` and the start of the sentence. */
function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && OPENERS.includes(text[i])) i--;
  return i < 0 || ('.!?'.includes(text[i]) && i < at - 1);
}

const OPENERS = ' \t\n"\'“‘(「『«';

/** "Empower" flagged at a sentence start gets "Enable", not "enable" (but "iFlytek" stays "iFlytek"). */
export function matchCase(suggestion: string, original: string): string {
  return startsUpperCase(original) ? upperFirst(suggestion) : suggestion;
}

function startsUpperCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== '' && first === first.toUpperCase() && first !== first.toLowerCase();
}

/**
 * A name rendered word for word or in pinyin with the established name beside it in brackets,
 * "Xiyu Technology (MiniMax)" or "MiniMax (Xiyu Technology)": the reader is told the name already.
 */
export function glossedByName(text: string, start: number, end: number, names: readonly string[]): boolean {
  const lower = (x: string) => x.trim().toLowerCase();
  const inBracketsAfter = /^\s*[(（]([^()（）]{1,60})[)）]/.exec(text.slice(end, end + 64))?.[1];
  if (inBracketsAfter !== undefined && names.some((n) => lower(n) === lower(inBracketsAfter))) return true;
  if (!/^\s*[)）]/.test(text.slice(end, end + 4))) return false;
  const nameBefore = /([^()（）]{1,60}?)\s*[(（]\s*$/.exec(text.slice(Math.max(0, start - 64), start))?.[1];
  if (nameBefore === undefined) return false;
  const before = lower(nameBefore);
  return names.some((n) => before === lower(n) || before.endsWith(' ' + lower(n)));
}
