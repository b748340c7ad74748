import type { Token } from '../text/tokens';

/** MQM-style issue categories. */
export const CATEGORIES = [
  'accuracy/mistranslation',
  'accuracy/omission',
  'accuracy/addition',
  'fluency/grammar',
  'fluency/spelling',
  'fluency/punctuation',
  'style/awkward',
  'terminology',
  'locale',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offset into the segment text, inclusive. */
  start: number;
  /** UTF-16 offset, exclusive; always greater than start. */
  end: number;
  text: string;
  message: string;
  explanation?: string;
  suggestions: string[];
}

/** What a check sees of one segment. Tokens are computed once and shared by all checks. */
export interface CheckInput {
  text: string;
  tokens: Token[];
  /** The aligned source sentence(s), when the document has a source. */
  source?: string;
  /** Words the document accepts as spelled correctly (lower case), e.g. its own names and terms. */
  ignoreWords?: ReadonlySet<string>;
}

export interface CheckMeta {
  id: string;
  name: string;
  description: string;
  category: Category;
  severity: Severity;
  /** Whether findings carry suggested rewrites. */
  suggests: boolean;
  /** Whether the check only runs when the segment has a source. */
  needsSource?: boolean;
}

/** A valid or invalid example; in `text`, the expected span is written in [brackets]. */
export interface CheckExample {
  text: string;
  source?: string;
  /** For invalid examples: the first suggestion the finding must offer, when the check suggests. */
  suggestion?: string;
  /**
   * For invalid examples of a check that suggests: the sentence that applying the first suggestion
   * gives (as ESLint's RuleTester states the fixed output). Left out exactly when the finding offers
   * no suggestion.
   */
  fixed?: string;
}

export interface Check {
  meta: CheckMeta;
  examples: { flag: CheckExample[]; pass: CheckExample[] };
  run(input: CheckInput): Finding[];
  /** Loads what the check otherwise loads on first use (dictionaries, lexicons). */
  prepare?(): void;
}

/** A check that needs the whole document: consistency across segments. */
export interface DocumentCheck {
  meta: CheckMeta;
  /** Each example is a small document; in `flag` examples one segment marks the expected span in [brackets]. */
  examples: { flag: DocumentExample[]; pass: DocumentExample[] };
  /** Findings per segment, in the order of `segments`. */
  run(segments: ReadonlyArray<{ text: string; source?: string }>, context?: DocumentContext): Finding[][];
}

/** A glossary entry as the checks see it. */
export interface GlossaryTerm {
  sourceTerm: string;
  targetTerm: string;
  forbidden: readonly string[];
  note?: string | null;
}

/** What a document check may know besides the segments: the document's glossary, the truth where it has an entry. */
export interface DocumentContext {
  terms?: readonly GlossaryTerm[];
}

export interface DocumentExample {
  segments: { text: string; source?: string }[];
  /** The document's glossary, for the checks that use one. */
  terms?: GlossaryTerm[];
  suggestion?: string;
}
