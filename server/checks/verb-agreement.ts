import type { Finding } from './types';

/**
 * A replacement that changes the number of the subject must change its verb too: "the [national
 * team] has" with "state-backed funds" would read "the state-backed funds has". When the highlight
 * is followed by an auxiliary that agrees with it, and the first suggestion's head noun has the
 * other number, the highlight takes the auxiliary in and every suggestion ends with the form that
 * agrees with it ("state-backed funds have"; "big money has").
 */

const SINGULAR_TO_PLURAL: Record<string, string> = {
  has: 'have', is: 'are', was: 'were', does: 'do',
  "hasn't": "haven't", "isn't": "aren't", "wasn't": "weren't", "doesn't": "don't",
};
const PLURAL_TO_SINGULAR = Object.fromEntries(Object.entries(SINGULAR_TO_PLURAL).map(([s, p]) => [p, s]));

const AUXILIARY_AFTER = /^(\s+)([A-Za-z]+(?:['’]t)?)(?![\p{L}\p{N}'’-])/u;

// Words ending in "s" that are no plural nouns, or whose number depends on what they mean.
const NOT_PLURAL = new Set(['always', 'perhaps', 'sometimes', 'nowadays', 'afterwards', 'towards', 'besides', 'its', 'his', 'hers',
  'ours', 'yours', 'theirs', 'this', 'yes', 'less', 'unless', 'news', 'means', 'series', 'species', 'whereas', 'thus', 'plus',
  'across', 'overseas', 'alias', 'canvas', 'atlas', 'gas', 'lens', 'chaos', 'ethos', 'pathos', 'kudos', 'us', 'bus']);

// 'either' is a collective noun, 'unsure' a phrase whose number its words do not tell.
type GrammaticalNumber = 'singular' | 'plural' | 'either' | 'unsure';

// Nouns for a group, which British English lets take a plural verb ("the team are").
const COLLECTIVE = new Set(['police', 'staff', 'data', 'team', 'government', 'public', 'management', 'crowd', 'personnel', 'generation',
  'group', 'family', 'majority', 'minority', 'audience', 'committee', 'board', 'youth', 'jury', 'class', 'community', 'army',
  'workforce', 'population', 'company', 'media', 'press', 'squad', 'crew', 'council', 'party', 'cabinet']);

// Words after which the head of a noun phrase is behind: "a wave [of layoffs]", "a tug [of war between …]".
const AFTER_HEAD = new Set(['of', 'with', 'between', 'through', 'for', 'in', 'on', 'from', 'to', 'at', 'by', 'about', 'among',
  'against', 'under', 'over', 'like', 'that', 'which', 'who', 'whose', 'without', 'across', 'into', 'than']);
const PREPOSITION_BEFORE = /\b(of|with|between|for|in|on|from|to|at|by|about|among|against|under|over|like|into|than|and|or)\s+$/i;

/** The number of a word, by its ending. */
function numberOfWord(word: string): GrammaticalNumber {
  if (NOT_PLURAL.has(word) || /(ss|us|is|ous)$/.test(word)) return 'singular';
  if (word.endsWith('ics')) return 'unsure';
  if (/(^|-)(people|children|men|women|folk)$/.test(word) || /(business|chair|spokes|sales|crafts|trades|middle|fisher|country)(wo)?men$/.test(word)) return 'plural';
  if (COLLECTIVE.has(word)) return 'either';
  return word.length > 3 && word.endsWith('s') ? 'plural' : 'singular';
}

/**
 * The number of a noun phrase, by its head: the last word before a preposition or relative
 * ("a wave of layoffs" is singular). Two nouns joined by "and" are 'unsure'.
 */
function numberOf(phrase: string): GrammaticalNumber {
  const words = phrase.toLowerCase().match(/[\p{L}][\p{L}'’-]*/gu);
  // "from handouts to self-reliance" is no noun phrase.
  if (!words || AFTER_HEAD.has(words[0])) return 'unsure';
  const opensWithIng = words[0].length > 4 && words[0].endsWith('ing');
  let head = words.length - 1;
  for (let i = 1; i < words.length; i++) {
    if (AFTER_HEAD.has(words[i])) {
      head = i - 1;
      break;
    }
  }
  // "Travelling to see shows" is one action; "reasoning models" may be a noun with an "-ing"
  // adjective or an action with its object, and only a tagger could tell.
  if (opensWithIng) return head === 0 ? 'singular' : 'unsure';
  if (words.slice(0, head).includes('and')) return 'unsure';
  return numberOfWord(words[head]);
}

function inCaseOf(form: string, original: string): string {
  return original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase() ? form[0].toUpperCase() + form.slice(1) : form;
}

/**
 * The span and suggestions with the auxiliary after the highlight taken in, where the first
 * suggestion would otherwise break its agreement; undefined where nothing needs to change.
 */
export function withAgreeingVerb(text: string, start: number, end: number, suggestions: readonly string[]): { end: number; suggestions: string[] } | undefined {
  if (suggestions.length === 0) return undefined;
  const after = AUXILIARY_AFTER.exec(text.slice(end, end + 16));
  if (!after) return undefined;
  const verb = after[2].replace('’', "'").toLowerCase();
  const verbNumber: GrammaticalNumber = verb in SINGULAR_TO_PLURAL ? 'singular' : verb in PLURAL_TO_SINGULAR ? 'plural' : 'unsure';
  if (verbNumber === 'unsure') return undefined;
  // Only a highlight that can be the verb's subject: "the price of [these chips] is" has another
  // subject, and so has a highlight whose number the verb contradicts.
  if (text[end - 1] === "'" || text[end - 1] === '’' || PREPOSITION_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return undefined;
  const highlighted = numberOf(text.slice(start, end));
  if (highlighted !== 'either' && highlighted !== verbNumber) return undefined;
  const first = numberOf(suggestions[0]);
  if (first !== 'singular' && first !== 'plural') return undefined;
  if (first === verbNumber) return undefined;
  const forms = { singular: verbNumber === 'singular' ? verb : PLURAL_TO_SINGULAR[verb], plural: verbNumber === 'plural' ? verb : SINGULAR_TO_PLURAL[verb] };
  const apostrophe = after[2].includes('’') ? '’' : "'";
  const agreeing = (s: string) => {
    const n = numberOf(s);
    const form = (n === 'singular' || n === 'plural' ? forms[n] : verb).replace("'", apostrophe);
    return `${s}${after[1]}${inCaseOf(form, after[2])}`;
  };
  return { end: end + after[0].length, suggestions: suggestions.map(agreeing) };
}

/** A phrase finding whose first suggestion would break its verb's agreement, widened to mend it. */
export function agreeingFinding(text: string, finding: Finding): Finding {
  const agreed = withAgreeingVerb(text, finding.start, finding.end, finding.suggestions);
  return agreed ? { ...finding, end: agreed.end, text: text.slice(finding.start, agreed.end), suggestions: agreed.suggestions } : finding;
}
