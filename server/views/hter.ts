/**
 * HTER (word edits per word) as a percentage a reviewer can read. Below 10% it keeps one decimal,
 * so that a document with one small edit does not read "0%" as if nothing had changed.
 * client/header.ts formats the header the same way after each action.
 */
export function hterPercent(hter: number): string {
  const percent = hter * 100;
  if (percent === 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  const tenths = Math.round(percent * 10) / 10;
  return tenths < 10 ? `${tenths.toFixed(1)}%` : `${Math.round(percent)}%`;
}
