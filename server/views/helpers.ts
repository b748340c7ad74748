import Handlebars from 'handlebars';
import { ISSUE_TYPES } from '../comments/service';

/** Handlebars helpers. Anything returned as SafeString must be built from escaped text only. */
export const viewHelpers = {
  eq: (a: unknown, b: unknown) => a === b,
  /** "2026-11-29 20:45" in UTC: short, unambiguous, sortable. */
  when: (iso: unknown) => (typeof iso === 'string' ? iso.slice(0, 16).replace('T', ' ') : ''),
  plural: (n: unknown, one: string, many: string) => `${n as number} ${n === 1 ? one : many}`,
  /** Pre-escaped HTML built by server/views (highlighting, diffs). */
  html: (s: unknown) => new Handlebars.SafeString(typeof s === 'string' ? s : ''),
  /** "Accept 3 suggestions" after "Yes, ": the first letter in lower case. */
  lowerFirst: (s: unknown) => (typeof s === 'string' ? s.charAt(0).toLowerCase() + s.slice(1) : ''),
  percent: (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0),
  /** The issue types a comment may carry. */
  issueTypes: () => ISSUE_TYPES,
};
