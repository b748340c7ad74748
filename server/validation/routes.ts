import { MAX_SEGMENT_CHARS } from '../review/review';
import { ROLES } from '../db/users';
import { boolean, exactString, formFlag, integer, oneOf, raw, required, schema, text } from './schema';

/**
 * The body (or query) each route reads, one schema per route. Fields that mean the same thing
 * share one definition, so a reason or an author name has the same limits on every route.
 */
export const LIMITS = {
  reason: 2_000,
  comment: 5_000,
  authorName: 100,
  ruleId: 80,
  /** Rows of GET /api/documents/:id/segments: default page, and the most one request may ask for. */
  segmentsPage: 500,
  segmentsMax: 2_000,
  /** No document has more segments than this (CALQUE_MAX_SEGMENTS allows up to 5,000,000). */
  maxOffset: 10_000_000,
} as const;

export const BULK_ACTIONS = ['accept-rule', 'accept-author', 'reject-stale'] as const;

const field = {
  reason: () => text({ max: LIMITS.reason }),
  authorName: () => text({ max: LIMITS.authorName }),
  ruleId: () => text({ max: LIMITS.ruleId }),
  proposalText: () => text({ max: MAX_SEGMENT_CHARS }),
  // Blank is left to the service, whose message suits the page and the API alike.
  commentBody: () => text({ max: LIMITS.comment, multiline: true }),
  // Versions and ids keep the service's own messages ("the segment version your edit is based on").
  version: raw,
  id: raw,
  suggestionIndex: () => integer({ min: 0, max: 1000, fallback: 0 }),
};

/** POST /api/documents/:id/bulk */
export const bulkApi = schema({
  action: required(oneOf(BULK_ACTIONS)),
  ruleId: field.ruleId(),
  proposalAuthor: field.authorName(),
  reason: field.reason(),
  dryRun: boolean(false),
});

/** POST /documents/:id/bulk (the form; the first post shows the plan, `confirm=1` runs it) */
export const bulkForm = schema({
  action: required(oneOf(BULK_ACTIONS)),
  ruleId: field.ruleId(),
  bulkAuthor: field.authorName(),
  reason: field.reason(),
  confirm: formFlag(),
});

/** POST …/segments/:id/proposals: a new text, or a finding's suggestion (API: either; forms: two routes). */
export const proposalBody = schema({
  text: field.proposalText(),
  findingId: field.id(),
  index: field.suggestionIndex(),
  baseVersion: field.version(),
});

export const statusBody = schema({
  status: oneOf(['new', 'edited', 'reviewed', 'approved'] as const, 'reviewed'),
  baseVersion: field.version(),
  /** Mark it reviewed in spite of the QA warning (open major findings, pending proposals). */
  confirm: formFlag(),
});

export const rejectApi = schema({ reason: field.reason() });
export const rejectForm = schema({ cannedReason: field.reason(), reason: field.reason() });

export const commentBody = schema({ body: field.commentBody(), parentId: field.id() });

export const ruleSwitchApi = schema({ enabled: required(boolean()) });
export const ruleSwitchForm = schema({ enabled: formFlag() });
export const dismissForm = schema({ restore: formFlag(), reason: field.reason(), scope: oneOf(['segment', 'document'] as const, 'segment') });

/** POST /api/flag: the text to check and, optionally, its source. Size is bounded by the body limit. */
export const flagBody = schema({
  text: required(exactString()),
  source: exactString(),
});

/** GET /api/documents/:id/segments paging (the grid's filters are read by routes/filters.ts). */
export const segmentsQuery = schema({
  // More than the cap is served as the cap (with a next link); below 1 or fractional is a 400.
  limit: integer({ min: 1, max: LIMITS.maxOffset, fallback: LIMITS.segmentsPage, range: 'must be a whole number of rows, at least 1 (at most 2,000 are sent at once).' }),
  offset: integer({ min: 0, max: LIMITS.maxOffset }),
  after: integer({ min: -1, max: LIMITS.maxOffset }),
});

/** GET /documents/:id: the page of the grid. */
export const gridQuery = schema({ page: integer({ min: 1, max: LIMITS.maxOffset, fallback: 1 }) });

export const roleForm = schema({ role: required(oneOf(ROLES)) });

/** POST /login: a password is taken exactly as typed (never trimmed), and both are bounded. */
export const loginForm = schema({
  name: text({ max: LIMITS.authorName }),
  password: exactString(1_000),
  next: raw(),
  _login: raw(),
});

/** POST /admin/users (the service checks the name's letters). */
export const newUserForm = schema({ name: text({ max: LIMITS.authorName }), role: text({ max: 20 }) });
