import type { Request, Response } from 'express';
import type { Store } from '../db/store';
import type { SegmentRow } from '../db/segments';
import { badRequest } from '../errors';
import { LIMITS, segmentsQuery } from '../validation/routes';
import { filterQuery, parseFilter } from './filters';

/**
 * One page of a document's segments for GET /api/documents/:id/segments, with the grid's filters.
 * Pages are read by position (`after` = the index of the last segment already read), so page 400
 * of a 200,000-segment document costs what page 1 does. When more rows match, the response has
 * `Link: <…?after=N…>; rel="next"` and `X-Next-Cursor: N`; the last page has neither.
 * `offset` (rows to skip) still works for old clients but cannot be combined with `after`.
 */
export function segmentsPage(store: Store, documentId: number, req: Request, res: Response): SegmentRow[] {
  const query = req.query as Record<string, unknown>;
  const paging = segmentsQuery.parse(query);
  const { offset, after } = paging;
  const limit = Math.min(paging.limit!, LIMITS.segmentsMax);
  if (offset !== undefined && after !== undefined) throw badRequest('invalid-field', 'Send "after" or "offset", not both.');
  const filter = parseFilter(query);
  // Repetitions are listed group by group, not by position, so they page by offset.
  const byOffset = filter.repeated === true || (offset !== undefined && after === undefined);
  // One row more than asked tells whether there is a next page.
  const rows = byOffset
    ? store.query.page(documentId, filter, limit + 1, offset ?? 0)
    : store.query.pageAfter(documentId, filter, limit + 1, after ?? -1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  if (more) {
    // An offset page of rows in position order goes on by position too.
    const grouped = filter.repeated === true;
    const cursor = grouped ? (offset ?? 0) + limit : page[page.length - 1].index;
    const next = `${req.baseUrl}${req.path}${filterQuery(filter, grouped ? { limit, offset: cursor } : { limit, after: cursor })}`;
    res.set('Link', `<${next}>; rel="next"`);
    res.set('X-Next-Cursor', String(cursor));
  }
  return page;
}
