import type { JobState } from '../job-record';
import type { UnfinishedJob } from '../job-store';

/** The states of a job the tracker still owes work, as an SQL list. */
export const UNFINISHED_STATES = "('queued_local', 'submitting', 'submitted', 'in_progress')";

/** The columns of an unfinished job, as `SELECT` or `RETURNING` lists them. */
export const UNFINISHED_COLUMNS = 'id, state, provider, next_poll_at, deadline_at, poll_count, parent_id';

export type UnfinishedRow = {
  id: string;
  state: JobState;
  provider: string | null;
  next_poll_at: number | null;
  deadline_at: number | null;
  poll_count: number;
  parent_id: string | null;
};

export function toUnfinishedJob(row: UnfinishedRow): UnfinishedJob {
  return {
    id: row.id,
    state: row.state,
    provider: row.provider,
    nextPollAt: row.next_poll_at,
    deadlineAt: row.deadline_at,
    pollCount: row.poll_count,
    parentId: row.parent_id,
  };
}
