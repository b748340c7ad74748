import { conjugate } from '../text/inflect';

/**
 * Applying a suggestion to a text: the one place that knows how a replacement meets the words
 * around it, used by the review (accepting a suggestion) and by the example tests (the fixed
 * sentence every flag example states), so the two can never disagree.
 */

/** The text with [start, end) replaced by `replacement`, spaces and capitals set right. */
export function applyFix(text: string, start: number, end: number, replacement: string): string {
  let before = text.slice(0, start);
  let after = text.slice(end);
  if (replacement === '') {
    // Deleting words takes one of the spaces around them along: "repeat it again." → "repeat it."
    if (before.endsWith(' ') && (after === '' || /^[\s.,;:!?)\]”’"]/.test(after))) return before.slice(0, -1) + after;
    if (before === '' || /[\s(\[“‘"]$/.test(before)) after = after.replace(/^ +/, '');
    const joined = before + after;
    return isSentenceStart(before) ? capitalise(joined, before.length) : joined;
  }
  // Full-width punctuation replaced by ASCII needs the space the full-width form carried: "35%，and".
  if (/[,;:.!?)]$/.test(replacement) && /^[\p{L}\p{N}(]/u.test(after)) after = ' ' + after;
  const replaced = text.slice(start, end);
  const r = isSentenceStart(before) && startsUpperCase(replaced) && startsLowerCase(replacement) ? upperFirst(replacement) : replacement;
  return before + r + after;
}

/**
 * A suggestion with its references to the matched words filled in: "help \3" with the third
 * element's words "small firms" gives "help small firms". Spaces left by empty references close up.
 * A verb in braces agrees with the replaced words: "{focus} on" replacing "deeply cultivating"
 * gives "focusing on" (the form of the first highlighted word ending in -ing, -ed or -s).
 */
export function expandSuggestion(suggestion: string, elementText: (n: number) => string, highlighted: readonly string[] = []): string {
  if (!hasReferences(suggestion)) return suggestion;
  let filled = suggestion.replace(/\\(\d)/g, (_, n: string) => elementText(Number(n)));
  if (filled.includes('{')) {
    const like = highlighted.find((w) => /(?:ing|ed|[^s]s)$/i.test(w)) ?? '';
    filled = filled.replace(/\{([A-Za-z]+)\}/g, (_, verb: string) => conjugate(verb, like));
  }
  return filled.replace(/ {2,}/g, ' ').trim();
}

/** Whether a suggestion refers to matched words (\1 … \9) or agrees with them ({verb}). */
export function hasReferences(suggestion: string): boolean {
  return /\\\d|\{[A-Za-z]+\}/.test(suggestion);
}

function isSentenceStart(before: string): boolean {
  return before === '' || /[.!?]["”’)]?\s+$/.test(before);
}

function capitalise(text: string, at: number): string {
  const i = text.slice(at).search(/\S/);
  if (i < 0) return text;
  const k = at + i;
  return text.slice(0, k) + text.charAt(k).toUpperCase() + text.slice(k + 1);
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function startsUpperCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== '' && first === first.toUpperCase() && first !== first.toLowerCase();
}

function startsLowerCase(text: string): boolean {
  const first = text.charAt(0);
  return first !== '' && first === first.toLowerCase() && first !== first.toUpperCase();
}
