import { startFalSimulator } from './fal';
import { startOpenAISimulator } from './openai';
import { startReplicateSimulator } from './replicate';
import type { SimulatorBehavior, VideoSimulator } from './shared';

export type AllSimulators = {
  openai: VideoSimulator;
  fal: VideoSimulator;
  replicate: VideoSimulator;
  list: VideoSimulator[];
  close(): Promise<void>;
};

/** The three provider simulators on loopback, as sandbox mode and `reelay simulators` run them. */
export async function startAllSimulators(
  options: { behavior?: Partial<SimulatorBehavior> } = {},
): Promise<AllSimulators> {
  const [openai, fal, replicate] = await Promise.all([
    startOpenAISimulator({ behavior: options.behavior }),
    startFalSimulator({ behavior: options.behavior }),
    startReplicateSimulator({ behavior: options.behavior }),
  ]);
  const list = [openai, fal, replicate];
  return {
    openai,
    fal,
    replicate,
    list,
    close: async () => {
      await Promise.all(list.map((simulator) => simulator.close()));
    },
  };
}
