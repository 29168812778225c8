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
  let port = 0;
  // Jobs another process wrote since (a second gateway or `reelay` run on the same data directory, sharing its
  // job store) are read in when asked for, so whichever process polls a job finds it.
  const readIn = (into: Map<string, Job>, onlyNew: boolean) => {
    if (dir === undefined) return;
    const loaded = readState(join(dir, STATE_FILE));
    if (!onlyNew) port = loaded.port;
    for (const [id, stored] of loaded.jobs) {
      if (onlyNew && Map.prototype.has.call(into, id)) continue;
      const job = codec.fromStored(stored);
      if (job !== undefined) Map.prototype.set.call(into, id, job);
    }
  };
  const jobs = new ReadThroughMap<Job>((map) => readIn(map, true));
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  readIn(jobs, false);
  const lastPort = port;

  const save = () => {
    if (dir === undefined) return;
    const file = join(dir, STATE_FILE);
    const body = {
      version: STATE_VERSION,
      port,
      jobs: [...jobs].map(([id, job]) => [id, codec.toStored(job)]),
    };
    // A scratch name of this process's own: two processes on one folder never rename each other's half-file.
    const scratch = `${file}.${process.pid}.tmp`;
    writeFileSync(scratch, JSON.stringify(body));
    renameSync(scratch, file);
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

/** A map that, on a miss, reads the file again before answering. */
class ReadThroughMap<Job> extends Map<string, Job> {
  constructor(private readonly reload: (map: Map<string, Job>) => void) {
    super();
  }

  override get(id: string): Job | undefined {
    if (!super.has(id)) this.reload(this);
    return super.get(id);
  }

  override has(id: string): boolean {
    if (!super.has(id)) this.reload(this);
    return super.has(id);
  }
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
