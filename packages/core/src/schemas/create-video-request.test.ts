import { describe, expect, it } from 'vitest';
import { createVideoRequestSchema } from './create-video-request';

describe('createVideoRequestSchema', () => {
  it.each([
    { body: { model: 'sora-2-pro', prompt: 'a fox', seconds: '8' }, seconds: 8 },
    { body: { model: 'sora-2-pro', prompt: 'a fox', seconds: 8 }, seconds: 8 },
    { body: { model: 'sora-2-pro', prompt: 'a fox', duration: 5 }, seconds: undefined },
  ])('accepts seconds as number or numeric string: $body.seconds', ({ body, seconds }) => {
    expect(createVideoRequestSchema.parse(body).seconds).toBe(seconds);
  });

  it.each(['1280x720', '16:9', 'auto'])('accepts size %s', (size) => {
    expect(createVideoRequestSchema.safeParse({ model: 'm', prompt: 'p', size }).success).toBe(true);
  });

  it.each([
    { body: { prompt: 'p' }, path: 'model' },
    { body: { model: 'm' }, path: 'prompt' },
    { body: { model: 'm', prompt: 'p', seconds: 'eight' }, path: 'seconds' },
    { body: { model: 'm', prompt: 'p', seconds: -1 }, path: 'seconds' },
    { body: { model: 'm', prompt: 'p', size: 'big' }, path: 'size' },
    { body: { model: 'm', prompt: 'p', resolution: 'high' }, path: 'resolution' },
    { body: { model: 'm', prompt: 'p', n: 1.5 }, path: 'n' },
    { body: { model: 'm', prompt: 'p', webhook_url: 'ftp://x' }, path: 'webhook_url' },
    { body: { model: 'm', prompt: 'p', provider: { only: 'fal' } }, path: 'provider.only' },
    { body: { model: 'm', prompt: 'p', seconds: 4, duration: 8 }, path: 'duration' },
    { body: { model: 'm', prompt: 7 }, path: 'prompt' },
  ])('names the field at fault: $path', ({ body, path }) => {
    const result = createVideoRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('keeps unknown keys for passthrough', () => {
    const parsed = createVideoRequestSchema.parse({
      model: 'm',
      prompt: 'p',
      seed: 42,
      character_ids: ['char_1'],
    });
    expect(parsed).toMatchObject({ seed: 42, character_ids: ['char_1'] });
  });

  it('reads multipart-style strings for booleans and integers', () => {
    expect(
      createVideoRequestSchema.parse({ model: 'm', prompt: 'p', n: '2', strict: 'true', audio: 'false' }),
    ).toMatchObject({
      n: 2,
      strict: true,
      audio: false,
    });
  });
});
