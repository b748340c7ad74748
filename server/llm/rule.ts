import type { RuleInfo } from '../checks/engine';
import type { Category, Finding } from '../checks/types';
import type { PlacedError } from './locate';

export const LLM_RULE_ID = 'llm-review';

/** The author of the second reader's proposals: `llm:` and the model's name. */
export const llmAuthor = (model: string) => `llm:${model}`;

/** The second reader as the rules list, the filters and the bulk actions see it. */
export const LLM_RULE: RuleInfo = {
  id: LLM_RULE_ID,
  kind: 'llm',
  family: 'second-reader',
  name: 'Second reader (LLM)',
  description: 'Errors a language model reports when asked to read a segment (its source and its English). Its spans are suggestions to judge: published figures put such a model\'s precision well under one in two.',
  category: 'accuracy/mistranslation',
  severity: 'major',
  suggestions: [],
  examples: { flag: [], pass: [] },
};

const PLAIN: Record<Category, string> = {
  'accuracy/mistranslation': 'the meaning may be wrong here',
  'accuracy/omission': 'something of the source may be missing here',
  'accuracy/addition': 'this may not be in the source',
  'fluency/grammar': 'the grammar may be wrong here',
  'fluency/spelling': 'the spelling may be wrong here',
  'fluency/punctuation': 'the punctuation may be wrong here',
  'style/awkward': 'this may read awkwardly or word for word',
  terminology: 'the term may be wrong here',
  locale: 'this may not follow the local convention',
};

/** A finding of rule llm-review for one error the second reader placed in the text. */
export function llmFinding(error: PlacedError, model: string): Finding {
  const suggestion = error.suggestion;
  return {
    ruleId: LLM_RULE_ID,
    category: error.category,
    severity: error.severity,
    start: error.start,
    end: error.end,
    text: error.text,
    message: `Second reader (${model}): ${PLAIN[error.category]}.`,
    explanation: error.explanation || undefined,
    suggestions: suggestion !== undefined && suggestion !== error.text ? [suggestion] : [],
  };
}
