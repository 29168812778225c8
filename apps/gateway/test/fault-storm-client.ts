import OpenAI from 'openai';
import { expect } from 'vitest';
import type { StormProvider } from './fault-storm-setup';

/** What a client got back from one create: the status, and the body (OpenAI's error body when it failed). */
export type CreateAnswer = {
  provider: StormProvider;
  prompt: string;
  via: 'openai-sdk' | 'fetch';
  status: number;
  /** The video id, when the create was answered with a video. */
  videoId: string | undefined;
  body: unknown;
  /** The `Retry-After` header of the answer, if any. */
  retryAfter: string | null;
};

export type Video = {
  id: string;
  status: string;
  error: { code: string; message: string } | null;
  metadata: { provider: string | null; cost: { micros: number } | null };
};

/**
 * One create, alternately through the official `openai` SDK (no retries of its own, so every answer is seen)
 * and raw fetch. Never throws for an HTTP error: the answer is recorded for the checks.
 */
export async function createVideo(
  baseURL: string,
  provider: StormProvider,
  prompt: string,
  via: CreateAnswer['via'],
  extra: Record<string, unknown> = {},
): Promise<CreateAnswer> {
  const body = { model: provider.model, prompt, seconds: provider.seconds, size: '1280x720', ...extra };
  if (via === 'fetch') {
    const response = await fetch(`${baseURL}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { id?: string };
    return {
      provider,
      prompt,
      via,
      status: response.status,
      videoId: response.ok ? json.id : undefined,
      body: json,
      retryAfter: response.headers.get('retry-after'),
    };
  }
  const client = new OpenAI({ apiKey: 'loopback', baseURL: `${baseURL}/v1`, maxRetries: 0, timeout: 60_000 });
  try {
    const video = await client.videos.create(body as never);
    return { provider, prompt, via, status: 200, videoId: video.id, body: video, retryAfter: null };
  } catch (error) {
    if (!(error instanceof OpenAI.APIError) || error.status === undefined) throw error;
    return {
      provider,
      prompt,
      via,
      status: error.status,
      videoId: undefined,
      body: { error: error.error },
      retryAfter: error.headers?.get('retry-after') ?? null,
    };
  }
}

/**
 * An error answer a client can act on: OpenAI's shape with all four fields, and for a 5xx only 502, 503 or 504
 * with a message that names the provider at fault. A bare 500 is an unexplained failure of the gateway.
 */
export function expectExplained(answer: CreateAnswer): void {
  if (answer.status < 400) return;
  const label = `${answer.prompt} (${answer.via}) answered ${answer.status}: ${JSON.stringify(answer.body)}`;
  if (answer.status >= 500) expect([502, 503, 504], label).toContain(answer.status);
  const error = (answer.body as { error?: Record<string, unknown> }).error;
  expect(error, label).toMatchObject({
    message: expect.any(String),
    type: expect.any(String),
    param: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
    code: expect.any(String),
  });
  if (answer.status >= 500)
    expect(String(error?.['message']).toLowerCase(), label).toContain(answer.provider.id);
}

/** The video id a failed create names in its message (`vid_…`), so its job can be looked up. */
export function videoIdIn(answer: CreateAnswer): string | undefined {
  const message = (answer.body as { error?: { message?: string } }).error?.message ?? '';
  return /\b(video_[A-Za-z0-9]+)\b/.exec(message)?.[1];
}

export async function getVideo(baseURL: string, id: string): Promise<Video> {
  const response = await fetch(`${baseURL}/v1/videos/${id}`);
  expect(response.status, `GET /v1/videos/${id}`).toBe(200);
  return (await response.json()) as Video;
}

/** Waits until the video leaves `queued`/`in_progress` (the deadline bounds every job). */
export async function finalVideo(baseURL: string, id: string, timeoutMs = 45_000): Promise<Video> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const video = await getVideo(baseURL, id);
    if (video.status !== 'queued' && video.status !== 'in_progress') return video;
    if (Date.now() > until) throw new Error(`${id} is still ${video.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every video the gateway knows, across pages. */
export async function listAllVideos(baseURL: string): Promise<Video[]> {
  const videos: Video[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ limit: '100', ...(after ? { after } : {}) });
    const response = await fetch(`${baseURL}/v1/videos?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: Video[]; has_more: boolean };
    videos.push(...page.data);
    if (!page.has_more || page.data.length === 0) return videos;
    after = page.data.at(-1)!.id;
  }
}
