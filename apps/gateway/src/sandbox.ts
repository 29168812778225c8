import {
  type FalSimulator,
  type OpenAISimulator,
  type ReplicateSimulator,
  startFalSimulator,
  startOpenAISimulator,
  startReplicateSimulator,
} from '@reelay/testing';
import type { ProviderConnections } from './providers';

/** The three provider simulators, running in this process on loopback ports. */
export type Sandbox = {
  /** Where the real adapters connect: each simulator's base URL and the only key it accepts. */
  connections: Required<ProviderConnections>;
  /** The simulators' origins, which the safe fetcher must trust (outputs are served from them). */
  origins: string[];
  /** The simulators themselves: their recorded requests, fault injection, outcomes. */
  simulators: { openai: OpenAISimulator; fal: FalSimulator; replicate: ReplicateSimulator };
  close(): Promise<void>;
};

/**
 * Starts the OpenAI, fal and Replicate simulators for sandbox mode. They behave like the real APIs (queues,
 * progress, status vocabularies) and render real MP4s, only faster.
 */
export async function startSandbox(behavior: { queueMs: number; runMs: number }): Promise<Sandbox> {
  const [openai, fal, replicate] = await Promise.allSettled([
    startOpenAISimulator({ behavior }),
    startFalSimulator({ behavior }),
    startReplicateSimulator({ behavior }),
  ]);
  const running = [openai, fal, replicate].flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const close = async () => {
    await Promise.allSettled(running.map((simulator) => simulator.close()));
  };
  if (openai.status === 'rejected' || fal.status === 'rejected' || replicate.status === 'rejected') {
    await close();
    const failed = [openai, fal, replicate].find((result) => result.status === 'rejected');
    throw new Error('sandbox: a provider simulator failed to start', { cause: failed?.reason });
  }
  const simulators = { openai: openai.value, fal: fal.value, replicate: replicate.value };
  return {
    // The simulators sign webhooks with their own secrets and keys, so deliveries they build verify here.
    connections: {
      openai: {
        apiKey: simulators.openai.apiKey,
        baseURL: simulators.openai.baseURL,
        webhookSecret: simulators.openai.webhookSecret,
      },
      fal: {
        apiKey: simulators.fal.apiKey,
        baseURL: simulators.fal.baseURL,
        jwksUrl: simulators.fal.jwksUrl,
      },
      replicate: {
        apiKey: simulators.replicate.apiKey,
        baseURL: simulators.replicate.baseURL,
        webhookSecret: simulators.replicate.webhookSecret,
      },
    },
    origins: running.map((simulator) => simulator.origin),
    simulators,
    close,
  };
}
