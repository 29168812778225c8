import type { UnfinishedJob } from './job-store';

/**
 * Who tracks which job when several gateway instances share one database (Postgres). A job's lease is its
 * `lease_owner`: the instance that inserted it, took it over or received its provider webhook. The lease lasts
 * as long as that instance's heartbeat row stays fresh, so one write per instance and interval keeps every lease
 * alive, however many jobs it tracks (renewing a per-job expiry would rewrite every tracked row each interval).
 * Times are the database's clock, so clock skew between machines never moves a takeover.
 */
export type LeaseStore = {
  /** This process's id: the owner written on every job it inserts, claims or takes. */
  instanceId: string;
  /**
   * Records this instance as alive now, and answers how many instances are (heartbeat within `deadAfterMs`,
   * this one included).
   */
  heartbeat(deadAfterMs: number): Promise<{ instances: number }>;
  /**
   * Makes up to `limit` unfinished jobs this instance's: those without an owner (released by a clean shutdown)
   * and those whose owner's heartbeat is older than `deadAfterMs`. Rows another instance is claiming at the
   * same moment are skipped (`FOR UPDATE SKIP LOCKED`), so each job goes to exactly one instance. Jobs come in
   * insertion order; with `after` (the id of the last job of the previous call) the scan starts past it, so a
   * takeover in batches reads each row once instead of rereading those it already claimed. A row skipped that
   * way (held by another claimer that then gave it up) is found by the next takeover, which starts over.
   */
  claimOrphans(deadAfterMs: number, limit: number, after?: string): Promise<UnfinishedJob[]>;
  /**
   * Makes one tracked job (`submitted` / `in_progress`) this instance's, whoever holds it: its provider's
   * webhook arrived here. False when the job is not tracked (finished, deleted, not yet submitted).
   */
  take(id: string): Promise<boolean>;
  /** Gives up every job this instance holds and removes its heartbeat (a clean shutdown): others claim them at once. */
  release(): Promise<void>;
  /**
   * A value every instance shares, such as the webhook signing secret: the first instance stores `candidate`,
   * every later call (at any instance) answers the stored value.
   */
  shared(name: string, candidate: string): Promise<string>;
};
