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
}

export interface Check {
  meta: CheckMeta;
  examples: { flag: CheckExample[]; pass: CheckExample[] };
  run(input: CheckInput): Finding[];
}
