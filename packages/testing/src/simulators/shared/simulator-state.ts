import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How a simulator writes its jobs to disk and reads them back. Jobs are plain data in most simulators; those
 * that keep a reference (fal's endpoint, Replicate's model) store its id and look it up again.
 */
export type SimulatorJobCodec<Job> = {
  toStored(job: Job): unknown;
  /** The job again, or `undefined` when it can no longer be served (a model the simulator dropped). */
  fromStored(stored: unknown): Job | undefined;
};

/** A simulator's jobs and port, kept in a folder so a restarted simulator answers for the jobs it accepted. */
export type SimulatorState<Job> = {
  /** Every job by id; the simulator reads and writes this map, then calls `save()`. */
  readonly jobs: Map<string, Job>;
  /** The port of the last run, to listen on again; `0` when there was none (or no folder). */
  readonly lastPort: number;
  /** Records the port now listened on, and saves. */
  listening(port: number): void;
  /** Writes jobs and port (atomically: a crash mid-write leaves the previous file). No-op without a folder. */
  save(): void;
};

const STATE_FILE = 'state.json';
const STATE_VERSION = 1;

const plain: SimulatorJobCodec<never> = {
  toStored: (job) => job,
  fromStored: (stored) => stored as never,
};

/**
 * Opens the state kept in `dir` (created when missing). `undefined`: memory only, as a test's throwaway
 * simulator wants. A file that cannot be read is set aside (`state.json.unreadable-<time>`) rather than
 * blocking the start: the jobs it held then answer "not found", which the gateway reports as such.
 */
export function openSimulatorState<Job>(
  dir: string | undefined,
  codec: SimulatorJobCodec<Job> = plain,
): SimulatorState<Job> {
  const jobs = new Map<string, Job>();
  let port = 0;
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true });
    const loaded = readState(join(dir, STATE_FILE));
    port = loaded.port;
    for (const [id, stored] of loaded.jobs) {
      const job = codec.fromStored(stored);
      if (job !== undefined) jobs.set(id, job);
    }
  }
  const lastPort = port;

  const save = () => {
    if (dir === undefined) return;
    const file = join(dir, STATE_FILE);
    const body = {
      version: STATE_VERSION,
      port,
      jobs: [...jobs].map(([id, job]) => [id, codec.toStored(job)]),
    };
    writeFileSync(`${file}.tmp`, JSON.stringify(body));
    renameSync(`${file}.tmp`, file);
  };

  return {
    jobs,
    lastPort,
    listening(next) {
      port = next;
      save();
    },
    save,
  };
}

function readState(file: string): { port: number; jobs: Array<[string, unknown]> } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { port: 0, jobs: [] };
  }
  try {
    const parsed = JSON.parse(text) as { version?: unknown; port?: unknown; jobs?: unknown };
    if (parsed.version !== STATE_VERSION || !Array.isArray(parsed.jobs)) throw new Error('unknown layout');
    const port = typeof parsed.port === 'number' && Number.isInteger(parsed.port) ? parsed.port : 0;
    const jobs = parsed.jobs.filter(
      (entry): entry is [string, unknown] => Array.isArray(entry) && typeof entry[0] === 'string',
    );
    return { port, jobs };
  } catch {
    renameSync(file, `${file}.unreadable-${Date.now()}`);
    return { port: 0, jobs: [] };
  }
}
