import { createRegistry } from '@reelay/core';
import { loadCatalog } from '@reelay/pricing';
import { createFal } from '@reelay/provider-fal';
import { createOpenAI } from '@reelay/provider-openai';
import { createReplicate } from '@reelay/provider-replicate';
import { type AllSimulators, startAllSimulators } from '@reelay/testing';
import { createEngine } from '../create-engine';
import type { Engine, EngineOptions } from '../engine-types';
import { tempDataDir } from './test-engine';

export type SimulatorSetup = {
  simulators: AllSimulators;
  engine: Engine;
  dataDir: string;
  close(): Promise<void>;
};

/** The three first-party plugins pointed at the simulators, as sandbox mode wires them, under one engine. */
export async function startSimulatorSetup(
  options: {
    headersMs?: number;
    engine?: Partial<EngineOptions>;
    /** Origins the operator allows besides the simulators' (the gateway's `allowPrivateOrigins`). */
    allowOrigins?: (simulators: AllSimulators) => string[];
  } = {},
): Promise<SimulatorSetup> {
  const simulators = await startAllSimulators({ behavior: { queueMs: 0, runMs: 60 } });
  const timeouts = options.headersMs ? { headersMs: options.headersMs } : undefined;
  const providers = [
    createOpenAI({ baseURL: simulators.openai.baseURL, apiKey: simulators.openai.apiKey, timeouts }),
    createFal({ baseURL: simulators.fal.baseURL, apiKey: simulators.fal.apiKey, timeouts }),
    createReplicate({ baseURL: simulators.replicate.baseURL, apiKey: simulators.replicate.apiKey, timeouts }),
  ];
  const catalog = loadCatalog();
  const data = tempDataDir();
  const engine = createEngine({
    registry: createRegistry({ providers, catalog: catalog.models }),
    catalog,
    dataDir: data.dir,
    sandbox: true,
    trustedOrigins: [
      ...simulators.list.map((simulator) => simulator.origin),
      ...(options.allowOrigins?.(simulators) ?? []),
    ],
    pollBackoff: { initialMs: 10, maxMs: 50, factor: 1.5, jitter: 0.2 },
    providerRequestsPerSecond: 1000,
    ...options.engine,
  });
  engine.start();
  return {
    simulators,
    engine,
    dataDir: data.dir,
    async close() {
      await engine.stop();
      await simulators.close();
      data.remove();
    },
  };
}
