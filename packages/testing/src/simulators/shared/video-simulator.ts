import type { FaultRule } from './fault';
import type { RecordedRequest } from './recorded-request';
import type { JobOutcome, SimulatorBehavior } from './simulator-behavior';

/** What every provider simulator offers, so the contract suite can drive any of them the same way. */
export interface VideoSimulator {
  /** `openai`, `fal`, `replicate`. */
  readonly name: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** The base URL a plugin is configured with (OpenAI and Replicate add `/v1`). */
  readonly baseURL: string;
  /** The only credential the simulator accepts; others get the provider's 401. */
  readonly apiKey: string;
  readonly requests: RecordedRequest[];
  configure(behavior: Partial<SimulatorBehavior>): void;
  /** The outcome of the next `count` jobs created (default 1); later jobs succeed. */
  setNextOutcome(outcome: JobOutcome, count?: number): void;
  injectFault(rule: FaultRule): void;
  /** Forgets requests, faults, queued outcomes and jobs; keeps the port. */
  reset(): void;
  close(): Promise<void>;
}
