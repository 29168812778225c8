import { join } from 'node:path';
import { Pool } from 'undici';
import { createJob, waitCompleted } from './gateway-calls';
import { type CreateOverhead, measureCreateOverhead } from './measure-create-overhead';
import { measureRetrieve, type RetrieveThroughput } from './measure-retrieve';
import { attempt, type Outcome } from './outcome';
import {
  type BaselineProcess,
  type GatewayProcess,
  type PortkeyProcess,
  type SimulatorProcess,
  startBaselineProcess,
  startGatewayProcess,
  startSimulatorProcess,
} from './processes';

export type PathResults = { create: Outcome<CreateOverhead>; retrieve: Outcome<RetrieveThroughput> };

/** What a phase's extra measurements get: its running servers and 16 completed jobs. */
export type PathSetup = {
  simulator: SimulatorProcess;
  gateways: GatewayProcess[];
  baseline: BaselineProcess;
  jobIds: string[];
};

const COMPLETED_JOBS = 16;

/**
 * Create-path overhead (interleaved with Portkey's chat path) and retrieve throughput (against a bare node:http
 * server answering the same JSON) for one store configuration: `instances` gateways on one database (Postgres
 * with `databaseUrl`, otherwise SQLite), one OpenAI simulator that finishes jobs at once. `extra` runs on the same
 * servers after both measurements (streaming and tracing use the SQLite phase's).
 */
export async function measurePaths<Extra>(options: {
  label: string;
  dataDir: string;
  databaseUrl?: string;
  instances: number;
  portkey: PortkeyProcess | undefined;
  retrieveRequests: number;
  createRounds: number;
  nodeOptions?: string[];
  prepareBaseline?: (setup: Omit<PathSetup, 'baseline'>) => { file?: string };
  extra?: (setup: PathSetup) => Promise<Extra>;
  progress: (line: string) => void;
}): Promise<PathResults & { extra: Outcome<Extra> | undefined }> {
  let simulator: SimulatorProcess | undefined;
  let baseline: BaselineProcess | undefined;
  const gateways: GatewayProcess[] = [];
  const explain = () => gateways.map((gateway) => gateway.exitReport()).find((why) => why !== undefined);
  try {
    simulator = await startSimulatorProcess({ queueMs: 0, runMs: 0 });
    for (let index = 0; index < options.instances; index++) {
      gateways.push(
        await startGatewayProcess({
          simulator,
          dataDir: join(options.dataDir, options.instances === 1 ? '' : `instance-${index}`),
          ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
          ...(index === 0 && options.nodeOptions !== undefined ? { nodeOptions: options.nodeOptions } : {}),
        }),
      );
    }
    const urls = gateways.map((gateway) => gateway.url);
    const setup = new Pool(urls[0]!, { connections: 1 });
    const jobIds: string[] = [];
    for (let index = 0; index < COMPLETED_JOBS; index++) jobIds.push(await createJob(setup));
    await waitCompleted(setup, jobIds, 60_000);
    const json = await (await setup.request({ method: 'GET', path: `/v1/videos/${jobIds[1]}` })).body.text();
    await setup.close();
    const started = { simulator, gateways, jobIds };
    baseline = await startBaselineProcess({ json, ...options.prepareBaseline?.(started) });
    options.progress(
      `bench: ${options.label}: ${options.instances} gateway(s) up, ${COMPLETED_JOBS} jobs completed`,
    );

    const bare = baseline;
    const upstream = simulator;
    const retrieve = await attempt(
      `${options.label}: retrieve throughput (64 connections)`,
      options.progress,
      () =>
        measureRetrieve({
          gateway: { urls, paths: jobIds.map((id) => `/v1/videos/${id}`) },
          baseline: { urls: [bare.url], paths: ['/json'] },
          connections: 64,
          requests: options.retrieveRequests,
          warmupRequests: Math.round(options.retrieveRequests / 10),
          rounds: 3,
        }),
      explain,
    );
    const { portkey } = options;
    const create = await attempt(
      `${options.label}: create-path overhead (interleaved with Portkey)`,
      options.progress,
      () =>
        measureCreateOverhead({
          gatewayUrls: urls,
          simulator: upstream,
          rounds: options.createRounds,
          pairsPerRound: 50,
          warmupPairs: 50,
          ...(portkey === undefined ? {} : { portkey: { url: portkey.url, upstreamUrl: bare.url } }),
        }),
      explain,
    );
    const extra =
      options.extra === undefined
        ? undefined
        : await attempt(`${options.label}: more`, options.progress, () =>
            options.extra!({ ...started, baseline: bare }),
          );
    return { create, retrieve, extra };
  } catch (error) {
    const why = explain();
    const failed: Outcome<never> = {
      ok: false,
      error: `${options.label}: setup failed: ${(error as Error).message.split('\n')[0]}${why === undefined ? '' : `; ${why.split('\n')[0]}`}`,
    };
    options.progress(`bench: ${failed.error}`);
    return { create: failed, retrieve: failed, extra: options.extra === undefined ? undefined : failed };
  } finally {
    await baseline?.stop();
    for (const gateway of gateways) await gateway.stop();
    await simulator?.stop();
  }
}
