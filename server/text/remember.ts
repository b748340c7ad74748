/** A pure function of two strings that remembers its latest answer (a repeated call costs nothing). */
export function rememberLast<T>(fn: (a: string, b: string) => T): (a: string, b: string) => T {
  let last: { a: string; b: string; value: T } | undefined;
  return (a, b) => {
    if (last === undefined || last.a !== a || last.b !== b) last = { a, b, value: fn(a, b) };
    return last.value;
  };
}

/**
 * A pure function of one string that remembers its answers for the last `size` or so strings
 * (all are forgotten at once when it is full), of at most MAX_REMEMBERED characters each, so that
 * what it holds stays small whatever it is given. For what a check works out from a segment's
 * source alone: the source stays the same however often its translation is edited.
 *
 * An answer is kept only from the second time its string is asked for. An import asks once for
 * each of its sources; keeping every answer there grew the import's peak memory by 60 MB, most
 * likely because each one lived just long enough to be moved to V8's old generation.
 */
export function rememberRecent<T>(fn: (s: string) => T, size = 512): (s: string) => T {
  const known = new Map<string, T>();
  const seenOnce = new Set<string>();
  return (s) => {
    if (s.length > MAX_REMEMBERED) return fn(s);
    const value = known.get(s);
    if (value !== undefined || known.has(s)) return value as T;
    const answer = fn(s);
    if (!seenOnce.has(s)) {
      if (seenOnce.size >= size) seenOnce.clear();
      seenOnce.add(s);
    } else {
      if (known.size >= size) known.clear();
      known.set(s, answer);
    }
    return answer;
  };
}

/** A sentence of news is a few hundred characters; a longer string is worked out each time. */
const MAX_REMEMBERED = 2_000;
