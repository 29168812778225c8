import type { Engine, EngineOptions } from '../engine-types';
import { createFakeProvider, type FakeProviderOptions } from './fake-provider';
import { type FakeUpstream, startFakeUpstream } from './fake-upstream';
import { tempDataDir, testEngine } from './test-engine';

export type FakeSetup = {
  alpha: FakeUpstream;
  beta: FakeUpstream;
  dataDir: string;
  engine: Engine;
  /** A second engine on the same data dir, as after a restart. */
  restart(overrides?: Partial<EngineOptions>): Engine;
  close(): Promise<void>;
};

/** Two fake providers (`alpha` cheaper than `beta`) and a started engine over them. */
export async function startFakeSetup(
  overrides: Partial<EngineOptions> = {},
  providerOptions: Partial<FakeProviderOptions> = {},
): Promise<FakeSetup> {
  const [alpha, beta] = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
  const data = tempDataDir();
  const providers = () => [
    createFakeProvider({ ...providerOptions, id: 'alpha', baseURL: alpha.origin }),
    createFakeProvider({ ...providerOptions, id: 'beta', baseURL: beta.origin }),
  ];
  const engines: Engine[] = [];
  const make = (extra: Partial<EngineOptions>) => {
    const engine = testEngine(providers(), data.dir, { ...overrides, ...extra });
    engines.push(engine);
    engine.start();
    return engine;
  };
  const engine = make({});
  return {
    alpha,
    beta,
    dataDir: data.dir,
    engine,
    restart: (extra = {}) => make(extra),
    async close() {
      for (const each of engines) await each.stop();
      await Promise.all([alpha.close(), beta.close()]);
      data.remove();
    },
  };
}
