import { FormData as UndiciFormData } from 'undici';
import { describe, expect, it } from 'vitest';
import { encodeBody } from './encode-body';

describe('encodeBody', () => {
  it('sends nothing for undefined', async () => {
    expect(await encodeBody(undefined)).toEqual({ body: undefined, contentType: undefined });
  });

  it('serialises values as JSON', async () => {
    expect(await encodeBody({ a: 1, b: ['x'] })).toEqual({
      body: '{"a":1,"b":["x"]}',
      contentType: 'application/json',
    });
  });

  it('form-encodes URLSearchParams, as OAuth token endpoints expect', async () => {
    expect(await encodeBody(new URLSearchParams({ grant_type: 'a:b', assertion: 'x.y+z' }))).toEqual({
      body: 'grant_type=a%3Ab&assertion=x.y%2Bz',
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it.each([
    ['global FormData', () => new FormData()],
    ['undici FormData', () => new UndiciFormData()],
  ])('encodes %s as multipart', async (_name, create) => {
    const form = create();
    form.append('prompt', 'hello');
    form.append('file', new File([new Uint8Array([0x89, 0x50])], 'a.png', { type: 'image/png' }));
    const encoded = await encodeBody(form);
    expect(encoded.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = encoded.body?.toString('latin1') ?? '';
    expect(text).toContain('name="prompt"');
    expect(text).toContain('hello');
    expect(text).toContain('filename="a.png"');
  });
});
