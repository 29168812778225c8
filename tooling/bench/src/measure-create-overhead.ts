import { Pool } from 'undici';
import { CREATE_BODY } from './gateway-calls';
import type { SimulatorProcess } from './processes';
import { median, percentile } from './stats';

export type CreateOverhead = {
  rounds: number;
  pairsPerRound: number;
  /** Median of the per-round (gateway median − direct median), ms. */
  overheadMs: number;
  roundOverheadsMs: number[];
  gatewayMedianMs: number;
  gatewayP99Ms: number;
  directMedianMs: number;
  directP99Ms: number;
};

/**
 * Sequential creates, interleaved gateway / direct (A, B, A, B…): A is `POST /v1/videos` on the gateway (which
 * stores the job, calls the simulator through the OpenAI adapter, stores the upstream id and answers); B is the
 * same create sent straight to the simulator, as a client without Reelay would.
 */
export async function measureCreateOverhead(options: {
  gatewayUrl: string;
  simulator: SimulatorProcess;
  rounds: number;
  pairsPerRound: number;
  warmupPairs: number;
}): Promise<CreateOverhead> {
  const gateway = new Pool(options.gatewayUrl, { connections: 1 });
  const upstream = new URL(options.simulator.baseURL);
  const direct = new Pool(upstream.origin, { connections: 1 });
  const directPath = `${upstream.pathname.replace(/\/$/, '')}/videos`;
  const viaGateway = () =>
    timed(gateway, { path: '/v1/videos', headers: { 'content-type': 'application/json' } });
  const straight = () =>
    timed(direct, {
      path: directPath,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.simulator.apiKey}` },
    });

  try {
    for (let index = 0; index < options.warmupPairs; index++) {
      await viaGateway();
      await straight();
    }
    const gatewayAll: number[] = [];
    const directAll: number[] = [];
    const roundOverheadsMs: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let index = 0; index < options.pairsPerRound; index++) {
        a.push(await viaGateway());
        b.push(await straight());
      }
      roundOverheadsMs.push(median(a) - median(b));
      gatewayAll.push(...a);
      directAll.push(...b);
    }
    return {
      rounds: options.rounds,
      pairsPerRound: options.pairsPerRound,
      overheadMs: median(roundOverheadsMs),
      roundOverheadsMs,
      gatewayMedianMs: median(gatewayAll),
      gatewayP99Ms: percentile(gatewayAll, 99),
      directMedianMs: median(directAll),
      directP99Ms: percentile(directAll, 99),
    };
  } finally {
    await Promise.all([gateway.close(), direct.close()]);
  }
}

async function timed(
  pool: Pool,
  request: { path: string; headers: Record<string, string> },
): Promise<number> {
  const started = performance.now();
  const response = await pool.request({ method: 'POST', ...request, body: CREATE_BODY });
  const text = await response.body.text();
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200)
    throw new Error(`create via ${request.path} answered ${response.statusCode}: ${text}`);
  return elapsed;
}
