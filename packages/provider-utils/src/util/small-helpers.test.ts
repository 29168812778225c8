import { describe, expect, it } from 'vitest';
import { removeUndefined } from './remove-undefined';
import { withoutTrailingSlash } from './without-trailing-slash';

describe('withoutTrailingSlash', () => {
  it.each([
    ['https://api.openai.com/v1/', 'https://api.openai.com/v1'],
    ['https://api.openai.com/v1//', 'https://api.openai.com/v1'],
    ['https://queue.fal.run', 'https://queue.fal.run'],
  ])('%s', (input, expected) => {
    expect(withoutTrailingSlash(input)).toBe(expected);
  });
});

describe('removeUndefined', () => {
  it('drops only undefined values', () => {
    expect(removeUndefined({ a: 1, b: undefined, c: null, d: 0, e: '' })).toEqual({
      a: 1,
      c: null,
      d: 0,
      e: '',
    });
  });
});
