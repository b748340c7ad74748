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

/** Each pattern's fixed first suggestion (no `~N`, no `\N`) with the words its highlight lists, lower case. */
function fixedFirstSuggestions(): Array<{ where: string; ruleId: string; first: string; bases: string[] }> {
  const found = [];
  for (const family of compileKnowledge()) {
    for (const rule of family.rules) {
      for (const pattern of rule.patterns) {
        const first = (pattern.suggestions ?? rule.suggestions)[0];
        if (first === undefined || /~\d|\\\d/.test(first)) continue;
        const element = pattern.elements.find((e) => e.kind === 'words' && e.highlight);
        if (element?.kind !== 'words') continue;
        found.push({ where: `${rule.id} (${rule.file})`, ruleId: rule.id, first, bases: element.bases.map((b) => b.toLowerCase()) });
      }
    }
  }
  return found;
}

const suggestions = fixedFirstSuggestions();

test('a first suggestion fixed in the past tense is not given to a verb the pattern matches in every form', () => {
  const offenders: string[] = [];
  for (const { where, ruleId, first, bases } of suggestions) {
    if (FIXED_ON_PURPOSE.has(ruleId) || !isPast(first.split(' ')[0].toLowerCase())) continue;
    const listsForms = bases.some((b) => !/(ed|ing)$/.test(b)) &&
      bases.some((b) => bases.includes(b + 'ed') || bases.includes(b + 'd') || bases.includes(b + 'ing') || bases.includes(b.replace(/e$/, '') + 'ing'));
    if (listsForms) offenders.push(`${where}: "${first}"`);
  }
  expect(offenders).toEqual([]);
});

/** Judged and kept: the suggestion does not start with a verb, or only one form of the verb can match there. */
const BASE_ON_PURPOSE = new Set([
  'indicate-source-when-reprinting', // the suggestion replaces the whole notice with a clause
  'idiom-living-dragon-tiger', // "living" is an adjective there
  'proverb-sharpen-knife-firewood', // the whole proverb becomes a clause
  'proverb-three-feet-of-ice', // a noun phrase
  'lead-the-head', // "lead" before a noun ("lead department")
  'lx-jiangjiachao', // "price cuts" after "round of" is a noun
  'lx-huanji', // "upgrade" before a noun ("upgrade cycle")
  'lx-huanji-tech', // the same
  'lx-huanjichao-tech', // a noun phrase
  'lx-moyu', // the hyphenated compound before a noun ("touch-fish culture"); the verb rendering has its own ~N
  'lx-baolei', // "collapse", a noun
  'lx-chongdianbao', // "power bank", a noun
  'lx-chongdianbao-plural', // the same
  'lx-caiyuanchao-industry-slang', // a noun; its plural follows the match
  'lx-zhangjiachao-industry-slang', // the same
  'lx-duanyashi', // "steep" before a noun
  'lx-zijinlianduanlie', // "cash crunch", a noun; the verb rendering has its own suggestion
  'lx-zijinlianduanlie-verb', // matched only in the past; "funding" is a noun
  'lx-shouquyizhi', // "second to none" after "is"
  'lx-shengliang', // "share of voice", a noun
  'lx-shidian', // "pilot" before a noun fits every form
  'lx-chaozuo', // the "stock frying" rendering is a noun; the verb renderings have ~N
  'lx-baping', // its renderings are nouns ("screen-bullying")
  'lx-miaosha-policy-media', // "seckill" is a noun there
  'lx-leitingzhishi', // "thunderous means" is a noun
  'lx-shuodaodi', // an adverbial phrase
  'lx-shishui', // before a noun
  'lx-fupan', // "re-plating" after hold/conduct is a noun; the verb renderings have ~N
  'lx-jiushi', // before a policy noun
  'lx-le-xiehaozhuanwang', // the name of a policy
  'lx-jiangbenzengxiao', // a slogan, a noun phrase
  'lx-ceping', // before a noun ("review bloggers")
]);

// A word the word list also has with "-ing" and a past: most likely a verb.
const hasVerbForms = (w: string) => ['ing', 'ed'].every((end) => [w + end, w.replace(/e$/, '') + end, w + w.slice(-1) + end].some((f) => words.has(f))) || isIrregularPast(w);

test('a first suggestion fixed in the base form is not given to a verb the pattern matches with "-ing" too', () => {
  const offenders: string[] = [];
  for (const { where, ruleId, first, bases } of suggestions) {
    const word = first.split(' ')[0].toLowerCase();
    if (BASE_ON_PURPOSE.has(ruleId) || formOf(word, [word]) !== 'base' || !hasVerbForms(word)) continue;
    const listsIng = bases.some((b) => !/(ed|ing|s)$/.test(b) && (bases.includes(b + 'ing') || bases.includes(b.replace(/e$/, '') + 'ing') || bases.includes(b + b.slice(-1) + 'ing')));
    if (listsIng) offenders.push(`${where}: "${first}" for ${bases.slice(0, 4).join('|')}`);
  }
  expect(offenders).toEqual([]);
});
