import fs from 'node:fs';
import path from 'node:path';
import { compileKnowledge } from '../../server/checks/engine';
import { formOf, isIrregularPast } from '../../server/text/conjugate';

/**
 * A pattern word matches every form of itself, so a first suggestion written as a fixed past
 * ("summoned") breaks the other forms ("will summoned"). Where the highlighted verb is listed in
 * several forms, the suggestion must take the form of the match (`summon~3`).
 */
const words = new Set(fs.readFileSync(path.join(__dirname, '../../data/lexicon/english-words.txt'), 'utf8').split('\n'));
const isRegularPast = (w: string) => w.endsWith('ed') && [w.slice(0, -1), w.slice(0, -2), w.slice(0, -3)].some((stem) => stem.length > 2 && words.has(stem));
// "cut", "set", "read": the past is also the base form, which fits after "will" as well.
const isPast = (w: string) => formOf(w, [w]) !== 'base' && (isIrregularPast(w) || isRegularPast(w));

/** Judged and kept: the suggestion's first word is an adjective, or the rendering is mostly a noun. */
const FIXED_ON_PURPOSE = new Set([
  'lx-ai-biyuan', // "closed-source": an adjective
  'lx-chaomu', // "oversubscribed": the offering, an adjective
  'lx-baotuangu', // "crowded stocks"
  'lx-liupai', // "flow" is as often a past ("the villa flow-shot twice")
  'lx-suodan-industry-slang', // "lock orders" is mostly a noun ("lock orders exceeded 30,000")
  'lx-le-cangpeiyitihua', // "integrated warehousing and distribution"
  'lx-jiandanglika', // "registered poor households"
  'lx-rl-xiangao', // "barred from luxury spending": matched after "were" or "are"
  'lx-mailiang', // "paid user acquisition": the noun use ("volume-buying costs")
]);

test('a first suggestion fixed in the past tense is not given to a verb the pattern matches in every form', () => {
  const offenders: string[] = [];
  for (const family of compileKnowledge()) {
    for (const rule of family.rules) {
      if (FIXED_ON_PURPOSE.has(rule.id)) continue;
      for (const pattern of rule.patterns) {
        const first = (pattern.suggestions ?? rule.suggestions)[0];
        if (first === undefined || /~\d|\\\d/.test(first) || !isPast(first.split(' ')[0].toLowerCase())) continue;
        const element = pattern.elements.find((e) => e.kind === 'words' && e.highlight);
        if (element?.kind !== 'words') continue;
        const bases = element.bases.map((b) => b.toLowerCase());
        const listsForms = bases.some((b) => !/(ed|ing)$/.test(b)) &&
          bases.some((b) => bases.includes(b + 'ed') || bases.includes(b + 'd') || bases.includes(b + 'ing') || bases.includes(b.replace(/e$/, '') + 'ing'));
        if (listsForms) offenders.push(`${rule.id} (${rule.file}): "${first}"`);
      }
    }
  }
  expect(offenders).toEqual([]);
});
