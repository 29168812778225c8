import type { PollResult } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import type { OpenAIVideo } from './openai-api';
import { toPollResult } from './openai-status';

const video = (fields: Partial<OpenAIVideo>): OpenAIVideo => ({ id: 'video_1', status: 'queued', ...fields });

describe('toPollResult', () => {
  it.each<[string, Partial<OpenAIVideo>, PollResult]>([
    ['queued', { status: 'queued', progress: 0 }, { status: 'queued', progress: 0 }],
    [
      'queued without progress',
      { status: 'queued', progress: null },
      { status: 'queued', progress: undefined },
    ],
    ['in_progress', { status: 'in_progress', progress: 42 }, { status: 'in_progress', progress: 42 }],
    [
      'progress out of range',
      { status: 'in_progress', progress: 140 },
      { status: 'in_progress', progress: 100 },
    ],
    [
      'completed',
      { status: 'completed', progress: 100, seconds: '8' },
      {
        status: 'succeeded',
        seconds: 8,
        outputs: [
          { variant: 'video', url: undefined, contentType: 'video/mp4' },
          { variant: 'thumbnail', url: undefined, contentType: undefined },
          { variant: 'spritesheet', url: undefined, contentType: undefined },
        ],
      },
    ],
    [
      'failed with the provider error',
      { status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked by moderation.' } },
      {
        status: 'failed',
        error: { code: 'moderation_blocked', message: 'Blocked by moderation.' },
        canceled: false,
      },
    ],
    [
      'failed without an error',
      { status: 'failed', error: null },
      {
        status: 'failed',
        error: {
          code: 'video_generation_failed',
          message: expect.stringContaining('without giving a reason'),
        },
        canceled: false,
      },
    ],
    [
      'an unknown status',
      { status: 'expired' },
      {
        status: 'failed',
        error: { code: 'unknown_status', message: expect.stringContaining("'expired'") },
        canceled: false,
      },
    ],
  ])('maps %s', (_name, fields, expected) => {
    expect(toPollResult(video(fields))).toEqual(expected);
  });

  it.each([
    ['8', 8],
    [12, 12],
    [null, undefined],
    ['abc', undefined],
  ])('reads seconds %j as %j', (seconds, expected) => {
    const result = toPollResult(video({ status: 'completed', seconds }));
    expect(result.status === 'succeeded' && result.seconds).toBe(expected);
  });
});
