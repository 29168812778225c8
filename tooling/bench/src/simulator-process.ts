import { startOpenAISimulator } from '@reelay/testing';

/*
 * Child process: one OpenAI simulator, so its work and memory stay out of the gateway's and the load generator's.
 * A `{ deliver: { videoId, url } }` message posts the simulator's signed webhook for that video to `url`, as OpenAI
 * would when the job ends, and answers `{ delivered: { videoId, status } }`.
 */

const behavior = JSON.parse(process.argv[2] ?? '{}') as { queueMs?: number; runMs?: number };
const simulator = await startOpenAISimulator({ behavior });
process.send?.({
  baseURL: simulator.baseURL,
  apiKey: simulator.apiKey,
  webhookSecret: simulator.webhookSecret,
});
process.on('message', (message: { deliver?: { videoId: string; url: string } }) => {
  const request = message.deliver;
  if (request === undefined) return;
  const answer = (status: number | string) =>
    process.send?.({ delivered: { videoId: request.videoId, status } });
  simulator
    .deliverWebhook(request.videoId, request.url)
    .then(answer, (error: unknown) => answer((error as Error).message));
});
process.once('disconnect', () => {
  void simulator.close().then(() => process.exit(0));
});
