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
 */
export function rememberRecent<T>(fn: (s: string) => T, size = 512): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    if (s.length > MAX_REMEMBERED) return fn(s);
    let value = known.get(s);
    if (value === undefined && !known.has(s)) {
      if (known.size >= size) known.clear();
      value = fn(s);
      known.set(s, value);
    }
    return value as T;
  };
}

/** A sentence of news is a few hundred characters; a longer string is worked out each time. */
const MAX_REMEMBERED = 2_000;
