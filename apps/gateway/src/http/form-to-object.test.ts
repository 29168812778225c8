import { InvalidRequestError } from '@reelay/core';
import { describe, expect, it } from 'vitest';
import { type FormEntry, formToObject, parseFieldName } from './form-to-object';

describe('parseFieldName', () => {
  it.each([
    ['model', ['model']],
    ['metadata[team]', ['metadata', 'team']],
    ['provider[order][]', ['provider', 'order', '']],
    ['input_reference[image_url]', ['input_reference', 'image_url']],
  ])('%s → %j', (name, path) => {
    expect(parseFieldName(name)).toEqual(path);
  });

  it.each(['a[b', 'a]b', '[a]', '__proto__[x]', 'a[constructor]', 'a[b][c][d][e]'])('refuses %s', (name) => {
    expect(() => parseFieldName(name)).toThrow(InvalidRequestError);
  });
});

describe('formToObject', () => {
  it('builds the JSON body the OpenAI SDK meant', async () => {
    const entries: FormEntry[] = [
      ['model', 'sora-2-pro'],
      ['prompt', '42'],
      ['seconds', '8'],
      ['metadata[team]', 'video'],
      ['provider[order][]', 'fal'],
      ['provider[order][]', 'replicate'],
      ['provider[allow_fallbacks]', 'false'],
      ['steps', '42'],
      ['enhance', 'true'],
      ['input_reference[image_url]', 'https://example.com/a.png'],
    ];
    expect(await formToObject(entries)).toEqual({
      model: 'sora-2-pro',
      prompt: '42',
      seconds: '8',
      metadata: { team: 'video' },
      provider: { order: ['fal', 'replicate'], allow_fallbacks: false },
      steps: 42,
      enhance: true,
      input_reference: { image_url: 'https://example.com/a.png' },
    });
  });

  it('turns the input_reference file into an upload', async () => {
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'frame.png', { type: 'image/png' });
    const body = await formToObject([['input_reference', file]]);
    expect(body['input_reference']).toEqual({
      kind: 'upload',
      data: new Uint8Array([137, 80, 78, 71]),
      mediaType: 'image/png',
      filename: 'frame.png',
    });
  });

  it('parses metadata and provider sent as JSON text', async () => {
    const body = await formToObject([
      ['metadata', '{"a":"b"}'],
      ['provider', '{"only":["fal"]}'],
    ]);
    expect(body).toEqual({ metadata: { a: 'b' }, provider: { only: ['fal'] } });
  });

  const refused: Array<[string, FormEntry[]]> = [
    ['a file in another field', [['prompt', new File(['x'], 'p.txt')]]],
    ['an empty upload', [['input_reference', new File([], 'empty.png', { type: 'image/png' })]]],
    [
      'a field sent twice',
      [
        ['model', 'a'],
        ['model', 'b'],
      ],
    ],
    [
      'a value and an object under one name',
      [
        ['provider', 'fal'],
        ['provider[only][]', 'fal'],
      ],
    ],
    [
      'a list and an object under one name',
      [
        ['provider[only][]', 'fal'],
        ['provider[only][x]', 'fal'],
      ],
    ],
    ['broken JSON in metadata', [['metadata', '{"a":']]],
  ];
  it.each(refused)('refuses %s with a 400', async (_name, entries) => {
    const error = await formToObject(entries).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect((error as InvalidRequestError).status).toBe(400);
  });
});
