import { diffArrays } from 'diff';

/** A change of one side against the common base: base tokens [start, end) replaced by `tokens`. */
interface Change {
  start: number;
  end: number;
  tokens: string[];
}

export type MergeResult = { merged: true; text: string } | { merged: false; reason: 'overlap' | 'too-long' };

/** Words, runs of spaces and single punctuation marks, so a merge never splits a word. */
export function mergeTokens(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}_'’-]+|[^\s\p{L}\p{N}\p{M}_'’-]/gu) ?? [];
}

/** Beyond this many tokens a side is not merged (the diff would cost more than a request should). */
const MAX_TOKENS = 6000;

function changesAgainst(base: string[], side: string[]): Change[] {
  const changes: Change[] = [];
  let at = 0;
  let open: Change | undefined;
  for (const part of diffArrays(base, side)) {
    if (part.added || part.removed) {
      if (!open) changes.push((open = { start: at, end: at, tokens: [] }));
      if (part.removed) open.end = at += part.value.length;
      else open.tokens.push(...part.value);
    } else {
      open = undefined;
      at += part.value.length;
    }
  }
  return changes;
}

const sameChange = (a: Change, b: Change) => a.start === b.start && a.end === b.end && a.tokens.join('') === b.tokens.join('');

/**
 * Word-level three-way merge. `base` is the text both sides started from; `ours` one edit of it
 * (a proposal), `theirs` another (the text that superseded it). The result holds both edits when
 * they touch different words; changes that overlap or touch (no unchanged token between them) are
 * refused rather than guessed, unless both sides made the very same change.
 */
export function mergeWords(base: string, ours: string, theirs: string): MergeResult {
  const b = mergeTokens(base);
  const o = mergeTokens(ours);
  const t = mergeTokens(theirs);
  if (b.length > MAX_TOKENS || o.length > MAX_TOKENS || t.length > MAX_TOKENS) return { merged: false, reason: 'too-long' };
  const mine = changesAgainst(b, o);
  const other = changesAgainst(b, t);
  const all: Change[] = [...other];
  for (const m of mine) {
    const clash = other.find((c) => m.start <= c.end && c.start <= m.end);
    if (!clash) all.push(m);
    else if (!sameChange(m, clash)) return { merged: false, reason: 'overlap' };
  }
  all.sort((x, y) => x.start - y.start);
  const out: string[] = [];
  let at = 0;
  for (const c of all) {
    out.push(...b.slice(at, c.start), ...c.tokens);
    at = c.end;
  }
  out.push(...b.slice(at));
  return { merged: true, text: out.join('') };
}
