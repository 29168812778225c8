import type { MachineFacts } from './machine';
import type { CliStartup } from './measure-cli-startup';
import type { CompletionLag } from './measure-completion-lag';
import type { RenderTiming } from './measure-render';
import type { SqliteDriverComparison } from './measure-sqlite-drivers';
import type { StreamingThroughput } from './measure-streaming';
import type { TracingCost } from './measure-tracing-cost';
import type { TrackerLoad } from './measure-tracker-load';
import type { Outcome } from './outcome';
import type { PathResults } from './path-phases';

/** Everything one `pnpm bench` run measured. */
export type BenchResults = {
  machine: MachineFacts;
  /** 1-minute load average when the run ended. */
  loadAverageAfter: number;
  durationMs: number;
  /** Which Postgres server the Postgres figures come from. */
  postgresOrigin: string;
  paths: { sqlite: PathResults; postgres1: PathResults; postgres3: PathResults };
  tracker: { sqlite: Outcome<TrackerLoad>; postgres: Outcome<TrackerLoad> };
  completionLag: Outcome<CompletionLag>;
  streaming: Outcome<StreamingThroughput>;
  tracing: Outcome<TracingCost>;
  drivers: Outcome<SqliteDriverComparison>;
  render: Outcome<RenderTiming>;
  cli: Outcome<CliStartup>;
};
