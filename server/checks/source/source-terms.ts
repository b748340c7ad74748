import type { LiteralWords, PhraseRule } from '../rulepack';
import type { Finding } from '../types';
import type { Token } from '../../text/tokens';
import { inflections } from '../../text/inflect';
import { formInContext } from '../../text/conjugate';
import { expandSuggestion } from '../fix';
import { switchedOffIn } from '../phrase-matcher';
import { lemmaKey } from '../../text/lemma';
import { cedictGlosses } from './cedict-glosses';
import { literalTranslation } from './source-idiom';
import { rememberRecent } from '../../text/remember';

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
  /** Those of them that are a whole rendering by themselves. */
  alone: Set<string>;
}

export class SourceTermIndex {
  /** Terms by their first two UTF-16 units, longest first. */
  private readonly byPair = new Map<number, Term[]>();
  readonly size: number;

  constructor(rules: readonly PhraseRule[], glossesOf: (terms: ReadonlySet<string>) => Map<string, string[]> = cedictGlosses) {
    let size = 0;
    const wanted: { term: string; rule: PhraseRule; literal: LiteralWords }[] = [];
    for (const rule of rules) {
      // A frame ("进行/开展 + 动名词", "非常 + adjective") is a calque only with what follows: its head
      // alone ("carry out", "very") is the plain translation of the head.
      if (!rule.source || /\s\+\s/.test(rule.source)) continue;
      const literal = literalForms(rule);
      if (literal.alone.length + literal.parts.length === 0) continue;
      // Alternatives are split; a half of a saying (更进一步 of 百尺竿头，更进一步) is no term of its own.
      for (const term of rule.source.split(/\s*[/、,;；]\s*/)) {
        if (/^\p{Script=Han}{2,}$/u.test(term) && !term.includes('X')) wanted.push({ term, rule, literal });
      }
    }
    const glosses = glossesOf(new Set(wanted.map((w) => w.term)));
    for (const { term, rule, literal: forms } of wanted) {
      // A word the dictionary gives as a plain sense of the term is a translation, not a calque:
      // 花粉 is "pollen" in a talk about bees, whatever it means to Huawei's fans.
      const senses = plainSenseKeys(glosses.get(term) ?? []);
      const plain = (f: string) => !senses.has(lemmaKey(f));
      const alone = new Set(forms.alone.filter(plain));
      const literal = new Set([...alone, ...forms.parts.filter(plain)]);
      if (literal.size === 0) continue;
      const key = term.charCodeAt(0) * 0x10000 + term.charCodeAt(1);
      const list = this.byPair.get(key) ?? [];
      list.push({ term, rule, literal, alone });
      this.byPair.set(key, list);
      size++;
    }
    for (const list of this.byPair.values()) list.sort((a, b) => b.term.length - a.term.length);
    this.size = size;
  }

  /** Findings for the literal words of the source's terms in the translation, each term once. */
  find(source: string, text: string, tokens: readonly Token[]): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<PhraseRule>();
    let next = 0;
    for (const { at, term: found } of this.termsIn(source)) {
      if (at < next || seen.has(found.rule)) continue;
      seen.add(found.rule);
      const hit = literalRun(found, tokens);
      // The rule's "unless" words name the literal sense ("volatile chemicals boiling" in a talk on
      // plants), which the source term has too.
      if (!hit || switchedOffIn(found.rule, tokens)) continue;
      const start = tokens[hit.from].start;
      const end = tokens[hit.to - 1].end;
      // Suggestions that reuse the matched words (\1, {verb}) need the pattern's match: left out.
      // Those with forms (launch~1) take the form of the first flagged word.
      const suggestions = found.rule.hasReferences
        ? found.rule.suggestions.filter((s) => !/\\\d|\{/.test(s)).map((s) => fittedTo(s, tokens, hit.from))
        : found.rule.suggestions;
      findings.push(literalTranslation(text, start, end, found.term, `The source has ${found.term}. ${found.rule.explanation}`, suggestions));
      next = at + found.term.length;
    }
    return findings;
  }

  /**
   * The longest term starting at each position of the source, in order: the same for every
   * translation of the segment, so remembered for the sources seen last.
   */
  private readonly termsIn = rememberRecent((source: string) => {
    const terms: { at: number; term: Term }[] = [];
    for (let i = 0; i + 1 < source.length; i++) {
      const candidates = this.byPair.get(source.charCodeAt(i) * 0x10000 + source.charCodeAt(i + 1));
      const found = candidates?.find((c) => source.startsWith(c.term, i));
      if (found) terms.push({ at: i, term: found });
    }
    return terms;
  });
}

/** "implement~1" in the form of the flagged word at `from`: "carrying out" gives "implementing". */
function fittedTo(suggestion: string, tokens: readonly Token[], from: number): string {
  const before: string[] = [];
  for (let i = from - 1; i >= 0 && before.length < 3 && tokens[i].kind === 'word'; i--) before.unshift(tokens[i].norm);
  const form = formInContext(tokens[from].norm, before);
  return expandSuggestion(suggestion, () => '', () => form, () => before);
}

/**
 * Lemma keys of the words of a term's dictionary senses, leaving out the senses limited to one
 * narrow literal use ("(of a plane) to land" for 落地): a rendering that needs such a sense in
 * a business text is the calque.
 */
function plainSenseKeys(senses: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const sense of senses) {
    if (/^\((?:of|fig\.|lit\.|slang|Internet)/i.test(sense)) continue;
    for (const word of sense.replace(/\([^)]*\)/g, ' ').toLowerCase().match(/[a-z]+/g) ?? []) keys.add(lemmaKey(word));
  }
  return keys;
}

/**
 * The first run of adjacent literal words in the translation: two or more, or one that is a whole
 * rendering by itself ("pollen", not "flower" of "flower powder").
 */
function literalRun(term: Term, tokens: readonly Token[]): { from: number; to: number } | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'word' || !term.literal.has(tokens[i].norm)) continue;
    let to = i + 1;
    while (to < tokens.length && tokens[to].kind === 'word' && term.literal.has(tokens[to].norm)) to++;
    if (to - i >= 2 || term.alone.has(tokens[i].norm)) return { from: i, to };
    i = to - 1;
  }
  return undefined;
}

const FUNCTION_WORDS = new Set(('a an the of to in on at by for from with into and or but as is are was were be been ' +
  'this that these those it its their his her our your my new one more most very not no').split(' '));

/** The literal words of a rule, for use with a source; stored with the knowledge image (rule.literal). */
export function literalForms(rule: PhraseRule): LiteralWords {
  return rule.literal ?? computeLiteralForms(rule);
}

function computeLiteralForms(rule: PhraseRule): LiteralWords {
  const natural = new Set<string>();
  for (const s of rule.suggestions) for (const w of s.toLowerCase().match(/[a-z]+/g) ?? []) for (const f of inflections(w)) natural.add(f);
  const alone = new Set<string>();
  const parts = new Set<string>();
  for (const pattern of rule.patterns) {
    const highlighted = pattern.elements.filter((e) => e.kind === 'words' && e.highlight);
    for (const element of highlighted) {
      if (element.kind !== 'words') continue;
      // Large word classes stand for context ("@lx-sector track"), not for the calque itself.
      if (element.singles.reduce((n, set) => n + set.size, element.heads.size) > 60) continue;
      const keep = (form: string) => !FUNCTION_WORDS.has(form) && !natural.has(form) && form.length > 2;
      // One-word alternatives of a one-word rendering stand alone; the first words of longer
      // alternatives ("flower" of "flower-powder") do not.
      for (const set of element.singles) for (const form of set) if (keep(form)) (highlighted.length === 1 ? alone : parts).add(form);
      for (const form of element.heads) if (keep(form)) parts.add(form);
      for (const sequence of element.sequences) for (const next of sequence.tail) for (const form of next) if (keep(form)) parts.add(form);
    }
  }
  for (const form of alone) parts.delete(form);
  return { alone: [...alone], parts: [...parts] };
}
