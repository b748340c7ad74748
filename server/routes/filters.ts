import type { SegmentFilter } from '../db/segment-query';
import { SEGMENT_STATUSES, type SegmentStatus } from '../db/segments';

const FLAGS = ['flagged', 'pending', 'edited', 'unreviewed', 'commented', 'repeated', 'misaligned', 'annotated'] as const;
const SEVERITIES = ['minor', 'major', 'critical'] as const;

/** Reads grid filters from a query string; unknown or malformed values are ignored, not errors. */
export function parseFilter(query: Record<string, unknown>): SegmentFilter {
  const filter: SegmentFilter = {};
  const str = (key: string) => (typeof query[key] === 'string' ? (query[key] as string).trim() : '');
  for (const flag of FLAGS) if (str(flag) === '1' || str(flag) === 'on' || str(flag) === 'true') filter[flag] = true;
  if (/^[a-z0-9-]{1,80}$/.test(str('rule'))) filter.rule = str('rule');
  if ((SEVERITIES as readonly string[]).includes(str('severity'))) filter.severity = str('severity') as SegmentFilter['severity'];
  if ((SEGMENT_STATUSES as string[]).includes(str('status'))) filter.status = str('status') as SegmentStatus;
  if (str('q')) filter.q = str('q').slice(0, 200);
  return filter;
}

/** The query string of a filter (and extra parameters), for links that keep the current view. */
export function filterQuery(filter: SegmentFilter, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const flag of FLAGS) if (filter[flag]) params.set(flag, '1');
  if (filter.rule) params.set('rule', filter.rule);
  if (filter.severity) params.set('severity', filter.severity);
  if (filter.status) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export const isFiltered = (filter: SegmentFilter) => Object.keys(filter).length > 0;
