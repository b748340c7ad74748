/**
 * A lookup table keyed by English words, without Object's prototype: "constructor" or "toString"
 * in a rule must find nothing rather than Object's own members.
 */
export function wordTable<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
