import type { Services } from '../app';
import type { SegmentFilter } from '../db/segment-query';
import type { JobRow } from '../llm/jobs';
import { filterQuery, isFiltered } from '../routes/filters';

export interface SecondReaderPanel {
  documentId: number;
  model: string;
  endpoint: string;
  optedOut: boolean;
  job: (JobRow & { running: boolean; resumable: boolean; percent: number; stateText: string }) | null;
  filtered: boolean;
  /** The current filter as hidden form fields. */
  filterFields: { name: string; value: string }[];
}

const STATE_TEXT: Record<JobRow['state'], string> = {
  running: 'reading',
  cancelled: 'cancelled',
  interrupted: 'interrupted (the server restarted)',
  failed: 'stopped',
  done: 'done',
};

/** The document page's second-reader panel; undefined when no endpoint is configured. */
export function secondReaderPanel(services: Services, documentId: number, filter: SegmentFilter): SecondReaderPanel | undefined {
  const reader = services.secondReader;
  if (!reader.enabled || !reader.config) return undefined;
  const job = reader.jobs.latest(documentId);
  return {
    documentId,
    model: reader.config.model,
    endpoint: new URL(reader.config.baseUrl).host,
    optedOut: reader.optedOut(documentId),
    job: job ? {
      ...job,
      running: job.state === 'running',
      resumable: job.state !== 'running' && job.state !== 'done',
      percent: job.total ? Math.floor((100 * job.position) / job.total) : 100,
      stateText: STATE_TEXT[job.state],
    } : null,
    filtered: isFiltered(filter),
    filterFields: [...new URLSearchParams(filterQuery(filter).slice(1))].map(([name, value]) => ({ name, value })),
  };
}
