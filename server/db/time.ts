/** Timestamps are stored as ISO-8601 UTC strings: sortable, readable in the sqlite3 shell. */
export const now = () => new Date().toISOString();
