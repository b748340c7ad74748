/**
 * The MQM core typology (as MQM 2.0 groups it) with the ITS 2.0 Localization Quality Issue type
 * each sub-category is exported as.
 */
export const MQM_CATEGORIES: Record<string, Record<string, string>> = {
  accuracy: { mistranslation: 'mistranslation', addition: 'addition', omission: 'omission', untranslated: 'untranslated', overtranslation: 'mistranslation', undertranslation: 'mistranslation', 'do-not-translate': 'mistranslation' },
  fluency: { grammar: 'grammar', spelling: 'misspelling', punctuation: 'typographical', unintelligible: 'other', 'character-encoding': 'characters', inconsistency: 'inconsistency' },
  terminology: { 'inconsistent-with-termbase': 'terminology', 'inconsistent-use': 'inconsistency', 'wrong-term': 'terminology' },
  style: { awkward: 'style', unidiomatic: 'style', register: 'register', 'inconsistent-style': 'style', 'organizational-style': 'style' },
  locale: { 'number-format': 'numbers', 'date-format': 'locale-violation', 'time-format': 'locale-violation', 'currency-format': 'locale-violation', 'measurement-format': 'locale-violation', 'address-format': 'locale-violation' },
};
/** The ITS type of a core category annotated without a sub-category. */
const CATEGORY_ITS: Record<string, string> = { accuracy: 'mistranslation', fluency: 'grammar', terminology: 'terminology', style: 'style', locale: 'locale-violation' };

export const ANNOTATION_SEVERITIES = ['neutral', 'minor', 'major', 'critical'] as const;
export type AnnotationSeverity = (typeof ANNOTATION_SEVERITIES)[number];

/** ITS locQualityIssueSeverity is 0–100: how each severity is written. */
export const ITS_SEVERITY: Record<AnnotationSeverity, number> = { neutral: 0, minor: 25, major: 60, critical: 100 };

export interface MqmSettings {
  weights: Record<AnnotationSeverity, number>;
  /** The text passes while its penalty per 1,000 words is at most this. */
  threshold: number;
}

export const DEFAULT_MQM: MqmSettings = { weights: { neutral: 0, minor: 1, major: 5, critical: 25 }, threshold: 10 };

export interface MqmScore {
  annotations: number;
  bySeverity: Record<AnnotationSeverity, number>;
  byCategory: Record<string, number>;
  penalty: number;
  words: number;
  perThousand: number;
  threshold: number;
  weights: Record<AnnotationSeverity, number>;
  pass: boolean;
}

export const MQM_FORMULA = 'MQM penalty per 1,000 words = Σ (severity weight × annotations of that severity) × 1,000 ÷ words of the current text';

export function itsType(category: string, subcategory: string | null): string {
  return (subcategory && MQM_CATEGORIES[category]?.[subcategory]) || CATEGORY_ITS[category] || 'other';
}

/** The reviewer's MQM score: penalty points of the open annotations per 1,000 words, against the threshold. */
export function mqmScore(annotations: Iterable<{ severity: AnnotationSeverity; category: string }>, words: number, settings: MqmSettings = DEFAULT_MQM): MqmScore {
  const bySeverity: Record<AnnotationSeverity, number> = { neutral: 0, minor: 0, major: 0, critical: 0 };
  const byCategory: Record<string, number> = {};
  let count = 0;
  for (const a of annotations) {
    bySeverity[a.severity]++;
    byCategory[a.category] = (byCategory[a.category] ?? 0) + 1;
    count++;
  }
  const penalty = ANNOTATION_SEVERITIES.reduce((sum, s) => sum + settings.weights[s] * bySeverity[s], 0);
  const perThousand = words === 0 ? (penalty > 0 ? Infinity : 0) : Math.round((penalty * 1000 * 10) / words) / 10;
  return { annotations: count, bySeverity, byCategory, penalty, words, perThousand, threshold: settings.threshold, weights: settings.weights, pass: perThousand <= settings.threshold };
}
