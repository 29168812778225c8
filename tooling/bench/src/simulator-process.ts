import { startOpenAISimulator } from '@reelay/testing';

/* Child process: one OpenAI simulator, so its work and memory stay out of the gateway's and the load generator's. */

const behavior = JSON.parse(process.argv[2] ?? '{}') as { queueMs?: number; runMs?: number };
const simulator = await startOpenAISimulator({ behavior });
process.send?.({ baseURL: simulator.baseURL, apiKey: simulator.apiKey });
process.once('disconnect', () => {
  void simulator.close().then(() => process.exit(0));
});
