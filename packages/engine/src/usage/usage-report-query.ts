import type { UsageGroup } from '../store/usage-query';

/** What `engine.usage` is asked; times are epoch milliseconds. */
export type UsageReportQuery = {
  /** Inclusive. Default: the UTC midnight 29 days before the day of `end`, so the report spans 30 days. */
  start?: number | undefined;
  /** Exclusive. Default: now. */
  end?: number | undefined;
  /** Default `['day']`; an empty list gives `totals` only. */
  groupBy?: readonly UsageGroup[] | undefined;
};
