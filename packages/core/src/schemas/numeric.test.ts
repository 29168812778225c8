import { describe, expect, it } from 'vitest';
import { createVideoRequestSchema } from './create-video-request';
import { secondsLike } from './numeric';

describe('secondsLike', () => {
  it.each<[unknown, number]>([
    [8, 8],
    ['8', 8],
    ['8s', 8],
    [' 8s ', 8],
    ['8 s', 8],
    ['2.5s', 2.5],
    ['10S', 10],
  ])('reads %j as %d', (value, expected) => {
    expect(secondsLike.parse(value)).toBe(expected);
  });

  it.each(['eight', 's', '8ss', '8 sec', '-8s', '8m', ''])('refuses %j', (value) => {
    expect(secondsLike.safeParse(value).success).toBe(false);
  });

  it('lets a create request say "8s", as fal and Luma write durations', () => {
    const body = { model: 'veo-3.1', prompt: 'a fox', seconds: '8s' };
    expect(createVideoRequestSchema.parse(body).seconds).toBe(8);
  });
});
