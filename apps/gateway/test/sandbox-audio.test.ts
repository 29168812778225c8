import { readMp4Info } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, waitForVideo } from './test-gateway';

type Video = { id: string; status: string };
type Plan = { route: Array<{ provider: string; audio: boolean; seconds: number }> };

/**
 * What the plan promises about sound, the sandbox's MP4 delivers: a sound track of the clip's length when the
 * route says `audio: true` (models that always make sound, or asked for it), none when it says false.
 */
describe('sandbox MP4s carry the audio the plan says', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway?.stop());

  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return (await response.json()) as T;
  };

  it.each([
    ['openai/sora-2-pro', {}, true],
    ['fal/veo-3.1', {}, true],
    ['fal/veo-3.1', { audio: false }, false],
    ['replicate/kling-3', {}, false],
    ['replicate/kling-3', { audio: true }, true],
    ['kling/kling-3', { audio: true }, true],
    ['xai/grok-imagine-video', {}, true],
    ['google-vertex/veo-3.1', { audio: false }, false],
    ['google/veo-3.1-preview', {}, true],
    ['runway/runway-gen-4.5', {}, false],
  ] as const)('%s with %j: audio %s', async (model, extra, audio) => {
    const body = { model, prompt: 'waves on a pebble beach', size: '1280x720', seconds: '4', ...extra };
    const plan = await post<Plan>('/v1/videos?dry_run=true', body);
    expect(plan.route[0]?.audio).toBe(audio);
    const created = await post<Video>('/v1/videos', body);
    const done = await waitForVideo(async () => {
      const response = await fetch(`${gateway.url}/v1/videos/${created.id}`);
      return (await response.json()) as Video;
    });
    expect(done.status).toBe('completed');
    const content = await fetch(`${gateway.url}/v1/videos/${created.id}/content`);
    const info = readMp4Info(new Uint8Array(await content.arrayBuffer()));
    if (audio) {
      expect(info.audio).toMatchObject({ codec: 'fLaC', channels: 1 });
      expect(info.audio?.durationSeconds).toBeCloseTo(info.durationSeconds, 2);
    } else {
      expect(info.audio).toBeUndefined();
    }
  });
});
