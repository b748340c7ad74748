import { badRequest } from '../errors';

export interface ReplaceQuery {
  find: string;
  replace: string;
  regex: boolean;
  wholeWord: boolean;
  matchCase: boolean;
}

export interface Match {
  start: number;
  end: number;
  text: string;
  replacement: string;
}

const MAX_FIND = 200;
// Nested quantifiers ((a+)+, (\w*)*…) can take exponential time on a near-miss: refused.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;
// So can a repeated group of alternatives ((a|aa)+): refused too; (colour|color)? is fine.
const REPEATED_ALTERNATION = /\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)\s*[+*{]/;
const BACKREFERENCE = /\\[1-9]/;

/** Reads and checks a find-and-replace request. */
export function parseQuery(input: unknown): ReplaceQuery {
  const body = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof body.find !== 'string' || body.find === '') throw badRequest('missing-field', 'Give the text to find.');
  if (body.find.length > MAX_FIND) throw badRequest('invalid-field', `The text to find may have at most ${MAX_FIND} characters.`);
  const replace = body.replace ?? '';
  if (typeof replace !== 'string' || replace.length > 2000) throw badRequest('invalid-field', 'The replacement must be text of at most 2,000 characters.');
  if (/[⟦⟧\n]/.test(replace)) throw badRequest('invalid-field', 'The replacement may not contain inline-code markers (⟦ ⟧) or line breaks.');
  const flag = (v: unknown) => v === true || v === 'true' || v === 'on' || v === '1';
  const query = { find: body.find, replace, regex: flag(body.regex), wholeWord: flag(body.wholeWord), matchCase: flag(body.matchCase) };
  if (query.regex && (NESTED_QUANTIFIER.test(query.find) || REPEATED_ALTERNATION.test(query.find) || BACKREFERENCE.test(query.find))) {
    throw badRequest('invalid-pattern', 'This regular expression repeats a group that can match in several ways, or has a back-reference: it can take too long. Simplify it.');
  }
  compile(query);
  return query;
}

function compile(q: ReplaceQuery): RegExp {
  const body = q.regex ? q.find : q.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const source = q.wholeWord ? `(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])` : body;
  try {
    return new RegExp(source, `gu${q.matchCase ? '' : 'i'}`);
  } catch (err) {
    throw badRequest('invalid-pattern', `The regular expression is not valid: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}.`);
  }
}

/** $1…$9, $& and $$ in a regular-expression replacement; plain replacements are taken as written. */
function expand(q: ReplaceQuery, m: RegExpExecArray): string {
  if (!q.regex) return q.replace;
  return q.replace.replace(/\$(\$|&|[1-9])/g, (_, k: string) => (k === '$' ? '$' : k === '&' ? m[0] : m[Number(k)] ?? ''));
}

/**
 * The matches of a query in a text, each with its replacement. A match that touches an inline
 * code (⟦1⟧) is left out: a replacement never breaks one. Empty matches are skipped.
 */
export function findMatches(text: string, q: ReplaceQuery): { matches: Match[]; skipped: number } {
  const re = compile(q);
  const codes = [...text.matchAll(/⟦[^⟧]*⟧/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const matches: Match[] = [];
  let skipped = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    if (codes.some((c) => c.start < end && start < c.end)) {
      skipped++;
      continue;
    }
    matches.push({ start, end, text: m[0], replacement: expand(q, m) });
    if (matches.length >= 1000) break;
  }
  return { matches, skipped };
}

/** The text with the chosen matches replaced. */
export function applyMatches(text: string, matches: Match[]): string {
  let out = '';
  let last = 0;
  for (const m of [...matches].sort((a, b) => a.start - b.start)) {
    out += text.slice(last, m.start) + m.replacement;
    // Deleting a word between two spaces leaves one space, not two.
    last = m.replacement === '' && text[m.start - 1] === ' ' && text[m.end] === ' ' ? m.end + 1 : m.end;
  }
  return (out + text.slice(last)).trim();
}
