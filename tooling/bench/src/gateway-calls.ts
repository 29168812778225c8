import type { Pool } from 'undici';

/** What every benchmark creates: the smallest sora-2 job, which the OpenAI adapter sends as JSON. */
export const CREATE_BODY = JSON.stringify({
  model: 'sora-2',
  prompt: 'reelay benchmark: a paper boat on a pond',
  seconds: '4',
  size: '720x1280',
});

const JSON_HEADERS = { 'content-type': 'application/json' };

/** `POST /v1/videos` on the gateway; the new job's id. */
export async function createJob(gateway: Pool): Promise<string> {
  const response = await gateway.request({
    method: 'POST',
    path: '/v1/videos',
    headers: JSON_HEADERS,
    body: CREATE_BODY,
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`create answered ${response.statusCode}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

/** Polls `GET /v1/videos/{id}` until every job is `completed`. */
export async function waitCompleted(gateway: Pool, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(ids);
  while (pending.size > 0) {
    for (const id of pending) {
      const response = await gateway.request({ method: 'GET', path: `/v1/videos/${id}` });
      const video = (await response.body.json()) as { status?: string };
      if (video.status === 'completed') pending.delete(id);
      else if (video.status === 'failed') throw new Error(`job ${id} failed: ${JSON.stringify(video)}`);
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending.size} job(s) not completed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The sum of `reelay_jobs_tracked` over providers, from `/metrics`. */
export function trackedJobs(gateway: Pool): Promise<number | undefined> {
  return metricSum(gateway, 'reelay_jobs_tracked');
}

/** The sum of `reelay_upstream_requests_total` over its labels: every request the gateway made to a provider. */
export async function upstreamRequests(gateway: Pool): Promise<number> {
  return (await metricSum(gateway, 'reelay_upstream_requests_total')) ?? 0;
}

async function metricSum(gateway: Pool, name: string): Promise<number | undefined> {
  const response = await gateway.request({ method: 'GET', path: '/metrics' });
  const text = await response.body.text();
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([\\d.e+]+)$`, 'gm'))].map(
    (match) => Number(match[1]),
  );
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0);
}
