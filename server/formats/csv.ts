import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage return, which
 * some spreadsheets strip first) gets a leading apostrophe. Numbers are written as numbers.
 */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV line (RFC 4180 quoting, CRLF), cells guarded against formula injection. */
export function csvLine(cells: Array<string | number | null | undefined>): string {
  return stringify([cells.map(safeCell)], { record_delimiter: '\r\n' });
}
