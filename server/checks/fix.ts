/**
 * Applying a suggestion to a text: the one place that knows how a replacement meets the words
 * around it, used by the review (accepting a suggestion) and by the example tests (the fixed
 * sentence every flag example states), so the two can never disagree.
 */
import { beForm, conjugate, hasPluralSubject, type WordForm } from '../text/conjugate';

/** The text with [start, end) replaced by `replacement`, spaces, capitals and "a"/"an" set right. */
export function applyFix(text: string, start: number, end: number, replacement: string): string {
  const before = text.slice(0, start);
  let after = text.slice(end);
  if (replacement === '') {
    // Deleting words takes one of the spaces around them along: "repeat it again." → "repeat it."
    if (before.endsWith(' ') && (after === '' || /^[\s.,;:!?)\]”’"]/.test(after))) return withArticle(before.slice(0, -1), after) + after;
    if (before === '' || /[\s(\[“‘"]$/.test(before)) after = after.replace(/^ +/, '');
    const joined = withArticle(before, after) + after;
    return isSentenceStart(before) ? capitalise(joined, joined.length - after.length) : joined;
  }
  // "improve its [hematopoiesis ability]" with "the ability to generate cash": the determiner before
  // the highlight does the work of the suggestion's "the".
  if (/^the /i.test(replacement) && endsWithDeterminer(before)) replacement = replacement.slice(4);
  // Full-width punctuation replaced by ASCII needs the space the full-width form carried: "35%，and".
  if (/[,;:.!?)]$/.test(replacement) && /^[\p{L}\p{N}(]/u.test(after)) after = ' ' + after;
  const replaced = text.slice(start, end);
  const r = isSentenceStart(before) && startsUpperCase(replaced) && startsLowerCase(replacement) ? upperFirst(replacement) : replacement;
  return withArticle(before, r) + r + after;
}

const DETERMINERS = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'whose', 'every', 'each']);
// "it's the ability", "there's the risk": a verb, not a possessive.
const NOT_POSSESSIVE = new Set(["it's", "that's", "there's", "here's", "what's", "who's", "he's", "she's", "where's", "let's"]);

/** Whether the text before a highlight ends with a determiner or a possessive ("its ", "the firm's "). */
function endsWithDeterminer(before: string): boolean {
  // Only the last few characters are read: the whole prefix would make a long text slow.
  const m = /([\p{L}'’]+)\s+$/u.exec(before.slice(-40));
  if (!m) return false;
  const word = m[1].toLowerCase().replace(/’/g, "'");
  if (DETERMINERS.has(word)) return true;
  return /^\p{L}+(?:'s|s')$/u.test(word) && !NOT_POSSESSIVE.has(word);
}

/**
 * `before` with its last word "a" or "an" made to fit the word that now follows it: "an lever" →
 * "a lever", and through an opening quotation mark: "an 'involution' cycle" → "a 'fierce competition' cycle".
 */
function withArticle(before: string, next: string): string {
  const m = /(^|[^\p{L}\p{N}'’-])(a|an|A|An)( *)(["“‘'«]?)$/u.exec(before);
  if (!m || (m[3] === '' && (m[4] !== '' || !next.startsWith(' ')))) return before;
  const word = /^ *([\p{L}\p{N}]+)/u.exec(next)?.[1];
  if (!word) return before;
  const an = takesAn(word);
  if (an === undefined) return before;
  const article = m[2];
  const fitting = an ? (article[0] === 'A' ? 'An' : 'an') : article[0] === 'A' ? 'A' : 'a';
  const tail = m[3] + m[4];
  return article === fitting ? before : before.slice(0, before.length - article.length - tail.length) + fitting + tail;
}

/** Whether a word is said with a vowel sound first (an hour, an SME, a user, a one-off); undefined for numbers. */
export function takesAn(word: string): boolean | undefined {
  if (/^\p{N}/u.test(word)) return undefined;
  // Acronyms and single letters are read letter by letter: an SME, a U-turn, an X-ray.
  if (/^[A-Z]{2,}s?$/.test(word) || /^[A-Z]$/.test(word)) return 'AEFHILMNORSX'.includes(word[0]);
  const w = word.toLowerCase();
  if (/^(hour|honest|honou?r|heir)/.test(w)) return true;
  if (/^(one|once|eu|ewe|uni[^mnd]|uni$|unan|us[aeu]|usi|ut[ei]|ur[aeio]|ubiq|uk)/.test(w)) return false;
  return /^[aeiou]/.test(w);
}

/**
 * A suggestion with its references to the matched words filled in: "help \3" with the third
 * element's words "small firms" gives "help small firms". References to consecutive elements
 * ("\2 \3 \4") give the text they matched as it stands, hyphens and all ("small and medium-sized").
 * A word with a form reference ("help~1") takes the form of the word element 1 matched. Spaces left
 * by empty references close up.
 *
 * A suggestion that opens with a verb ("be~1 brought down", "line~1 up its products") continues the
 * subject before the highlight, given by `wordsBefore` (the words before element n): "be" and "its"
 * agree with it ("officials were brought down", "carmakers lined up their products"). One with a
 * subject of its own ("joy be~5 boundless") keeps the singular.
 */
export function expandSuggestion(
  suggestion: string,
  elementsText: (from: number, to: number) => string,
  elementForm: (n: number) => WordForm = () => 'base',
  wordsBefore?: (n: number) => readonly string[],
): string {
  if (!hasReferences(suggestion)) return suggestion;
  const opening = wordsBefore && /^[A-Za-z]+~(\d)/.exec(suggestion);
  const subject = opening ? wordsBefore(Number(opening[1])) : undefined;
  const owned = subject && hasPluralSubject(subject) ? toPluralOwner(suggestion) : suggestion;
  return owned
    .replace(/([A-Za-z]+)~(\d)/g, (_, word: string, n: string, offset: number) =>
      offset === 0 && subject && word === 'be' ? beForm(elementForm(Number(n)), subject) : conjugate(word, elementForm(Number(n))))
    .replace(/\\\d(?: \\\d)*/g, (run: string) => {
      const ns = run.split(' ').map((r) => Number(r.slice(1)));
      const consecutive = ns.every((n, i) => i === 0 || n === ns[i - 1] + 1);
      return consecutive ? elementsText(ns[0], ns[ns.length - 1]) : ns.map((n) => elementsText(n, n)).join(' ');
    })
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * "its" within three words of the verb that opens a suggestion, and "itself", refer to the subject:
 * "line~1 up its products" → "line~1 up their products", "contradict~1 itself" → "… themselves".
 */
function toPluralOwner(suggestion: string): string {
  return suggestion.replace(/^(\S+(?: \S+){0,2}? )its\b/, '$1their').replace(/\bitself\b/, 'themselves');
}

/** Whether a suggestion refers to matched words (\1 … \9) or their forms (help~1). */
export function hasReferences(suggestion: string): boolean {
  return /\\\d|[A-Za-z]~\d/.test(suggestion);
}

/** A suggestion as a person reads it in a list of a rule's suggestions: "help \3" → "help …". */
export function describeSuggestion(suggestion: string): string {
  return suggestion.replace(/([A-Za-z]+)~\d/g, '$1').replace(/\\\d/g, '…').replace(/…(?: …)+/g, '…');
}

/** Whether the text before a position ends a sentence (or is empty), so the next word takes a capital. */
export function isSentenceStart(before: string): boolean {
  return before === '' || /[.!?]["”’)]?\s+$/.test(before);
}

function capitalise(text: string, at: number): string {
  const i = text.slice(at).search(/\S/);
  if (i < 0) return text;
  const k = at + i;
  return text.slice(0, k) + upperFirst(text.slice(k));
}

/**
 * The words with a capital first letter, for the start of a sentence. A name whose lower-case start
 * is part of its spelling ("iFlytek", "eBay", "miHoYo") keeps it.
 */
export function upperFirst(s: string): string {
  return /^\p{Ll}+\p{Lu}/u.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1);
}

function startsUpperCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== '' && first === first.toUpperCase() && first !== first.toLowerCase();
}

function startsLowerCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== '' && first === first.toLowerCase() && first !== first.toUpperCase();
}
