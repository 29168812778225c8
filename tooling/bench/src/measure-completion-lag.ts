import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { CREATE_BODY } from './gateway-calls';
import { type SimulatorProcess, startGatewayProcess, startSimulatorProcess } from './processes';
import { median } from './stats';

export type CompletionLag = {
  /** How long each upstream job ran. */
  runMs: number;
  jobs: number;
  /** From the upstream job's end to the gateway's `video.completed` event, output stored: polling only. */
  polling: { medianMs: number; maxMs: number };
  /** The same with the provider's webhook delivered when the job ends. */
  webhook: { medianMs: number; maxMs: number };
  /** The longest create round trip: how early the upstream job may have ended before the reference moment. */
  createSlackMs: number;
};

type Job = { id: string; upstreamId: string; endsAt: number; webhook: boolean };

/**
 * Completion lag: from the moment an upstream job ends to the moment the gateway reports it `completed` with its
 * output stored, which is when it sends the `video.completed` event to the job's `webhook_url` (a receiver in this
 * process notes when each arrives). Half the jobs are left to the tracker's default polling schedule; for the other
 * half the simulator (its own process) posts its signed OpenAI webhook to the gateway the moment the job ends, as
 * OpenAI would.
 * The upstream end is taken as the create's answer plus the run time, so a lag is at most `createSlackMs` short.
 */
export async function measureCompletionLag(options: {
  dataDir: string;
  /** Jobs of each kind. */
  jobsPerKind: number;
  runMs: number;
  /** Between one create and the next. */
  spacingMs: number;
}): Promise<CompletionLag> {
  const simulator = await startSimulatorProcess({ queueMs: 0, runMs: options.runMs });
  const events = new Map<string, number>();
  const receiver = await listen((id) => events.set(id, performance.now()));
  const gatewayProcess = await startGatewayProcess({
    simulator,
    dataDir: options.dataDir,
    env: { OPENAI_WEBHOOK_SECRET: simulator.webhookSecret, REELAY_ALLOW_PRIVATE_ORIGINS: receiver.origin },
  });
  const gateway = new Pool(gatewayProcess.url, { connections: 4 });
  const deliveries: Promise<void>[] = [];
  try {
    const body = { ...JSON.parse(CREATE_BODY), webhook_url: `${receiver.origin}/events` };
    // One create first, not measured, so that the first measured job does not carry the gateway's warm-up.
    await gateway
      .request({
        method: 'POST',
        path: '/v1/videos',
        headers: { 'content-type': 'application/json' },
        body: CREATE_BODY,
      })
      .then((response) => response.body.text());
    const jobs: Job[] = [];
    let createSlackMs = 0;
    for (let index = 0; index < options.jobsPerKind * 2; index++) {
      // Spaced, so that each job's lag is its own and not the wait behind another job's output downloads.
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, options.spacingMs));
      const sentAt = performance.now();
      const response = await gateway.request({
        method: 'POST',
        path: '/v1/videos',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const video = (await response.body.json()) as { id?: string; metadata?: { upstream_id?: string } };
      const answeredAt = performance.now();
      const upstreamId = video.metadata?.upstream_id;
      if (response.statusCode !== 200 || video.id === undefined || upstreamId === undefined)
        throw new Error(`create answered ${response.statusCode}: ${JSON.stringify(video)}`);
      createSlackMs = Math.max(createSlackMs, answeredAt - sentAt);
      const job = { id: video.id, upstreamId, endsAt: answeredAt + options.runMs, webhook: index % 2 === 1 };
      jobs.push(job);
      if (job.webhook) deliveries.push(deliverWhenEnded(job, gatewayProcess.url, simulator));
    }
    await Promise.all(deliveries);
    const deadline = Date.now() + options.runMs + 30_000;
    while (jobs.some((job) => !events.has(job.id))) {
      const gone = gatewayProcess.exitReport();
      if (gone) throw new Error(gone);
      if (Date.now() > deadline) throw new Error('not every job reported completed within 30 s of its end');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const lags = (webhook: boolean) => {
      const values = jobs
        .filter((job) => job.webhook === webhook)
        .map((job) => events.get(job.id)! - job.endsAt);
      return { medianMs: median(values), maxMs: Math.max(...values) };
    };
    return {
      runMs: options.runMs,
      jobs: jobs.length,
      polling: lags(false),
      webhook: lags(true),
      createSlackMs,
    };
  } finally {
    await gateway.close();
    await gatewayProcess.stop();
    await simulator.stop();
    await new Promise((resolve) => receiver.server.close(resolve));
  }
}

async function deliverWhenEnded(job: Job, gatewayUrl: string, simulator: SimulatorProcess): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, job.endsAt - performance.now())));
  const status = await simulator.deliverWebhook(job.upstreamId, `${gatewayUrl}/v1/provider-webhooks/openai`);
  if (status !== 200) throw new Error(`the gateway answered the provider webhook with ${status}`);
}

/** A loopback receiver for the gateway's `video.completed` events; calls `onCompleted` with each video id. */
function listen(onCompleted: (id: string) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const event = JSON.parse(Buffer.concat(chunks).toString()) as { type?: string; data?: { id?: string } };
      if (event.type === 'video.completed' && event.data?.id !== undefined) onCompleted(event.data.id);
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}
