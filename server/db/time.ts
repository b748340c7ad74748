/** Timestamps are stored as ISO-8601 UTC strings: sortable, readable in the sqlite3 shell. */
export function now(): string {
  // A confirm stores seven or eight timestamps, mostly within the same millisecond; formatting
  // one costs half a microsecond, reading the clock a twentieth of that.
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString();
  }
  return lastText;
}

let lastMs = Number.NaN;
let lastText = '';
