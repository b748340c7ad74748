import type { Category } from '../checks/types';

/** What a finding card calls an MQM category: the words an editor uses, not its path. */
const LABELS: Record<Category, string> = {
  'accuracy/mistranslation': 'Mistranslation',
  'accuracy/omission': 'Omission',
  'accuracy/addition': 'Addition',
  'fluency/grammar': 'Grammar',
  'fluency/spelling': 'Spelling',
  'fluency/punctuation': 'Punctuation',
  'style/awkward': 'Awkward style',
  terminology: 'Terminology',
  locale: 'Local convention',
};

export function categoryLabel(category: string): string {
  return LABELS[category as Category] ?? category;
}
