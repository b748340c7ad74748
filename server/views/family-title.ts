import type { Flagger } from '../checks/engine';

/** The families that are not rule packs or lexicon files, named as a reviewer reads them. */
const BUILT_IN: Record<string, string> = {
  checks: 'Built-in checks',
  'document-checks': 'Whole-document checks',
  'second-reader': 'Second reader (language model)',
};

/** What the Rules page calls each family: the title its file gives, not its id. */
export function familyTitles(flagger: Pick<Flagger, 'families'>): Map<string, string> {
  const titles = new Map(Object.entries(BUILT_IN));
  for (const family of flagger.families) titles.set(family.id, family.title);
  return titles;
}
