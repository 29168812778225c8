import { renderPng } from '@reelay/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './test-gateway';

type Case = {
  name: string;
  path?: string;
  contentType?: string | undefined;
  body: string | FormData | Uint8Array;
  headers?: Record<string, string>;
};

const base = { model: 'sora-2-pro', prompt: 'a paper boat' };
const long = (length: number) => 'x'.repeat(length);

/** For each field, values the public schema (or the engine behind it) must refuse. */
const badValues: Record<string, unknown[]> = {
  model: [null, 123, '', [], {}, true, 'no-such-model', 'fal/no-such-model', long(5000)],
  prompt: [null, 5, '', [], {}, false, long(40_000)],
  seconds: ['abc', -1, 0, 601, [], {}, true, '4x', null, '1e3', ' '],
  duration: ['eight', -8, 1000, null],
  size: ['1280', 'axb', 123, '99999999x1', [], 'auto ', null, '1280*720', '16:9:1'],
  aspect_ratio: ['16/9', 169, 'wide', {}, null, '16:'],
  resolution: ['hd', 720, '720', [], null, 'p720'],
  n: [0, 9, 1.5, 'two', -3, null, '1.5'],
  audio: ['yes', 2, [], {}, null, 'on'],
  input_reference: [
    '',
    123,
    {},
    { image_url: 5 },
    { url: 'https://example.com/a.png' },
    [],
    null,
    'http://127.0.0.1:1/frame.png',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/frame.png',
    'file:///etc/passwd',
    'data:image/png;base64,AAAA',
    'data:text/plain;base64,aGVsbG8=',
    'not a url at all',
  ],
  webhook_url: ['ftp://example.com/hook', 'not a url', 5, null, {}],
  metadata: [
    'str',
    [],
    { a: 5 },
    { [long(100)]: 'v' },
    Object.fromEntries(Array.from({ length: 17 }, (_, index) => [`k${index}`, 'v'])),
    null,
    { a: long(600) },
  ],
  provider: [
    'fal',
    { order: 'fal' },
    { only: [1] },
    { allow_fallbacks: 'yes' },
    { unknown: true },
    [],
    null,
    { only: ['nonexistent-provider'] },
    { ignore: ['openai', 'fal', 'replicate'] },
  ],
  strict: ['maybe', 2, null, []],
  last_frame: ['', 7, {}, 'http://127.0.0.1:1/last.png', 'data:image/png;base64,AAAA', null],
  reference_images: [
    [],
    'https://example.com/a.png',
    [7],
    Array.from({ length: 9 }, () => 'https://example.com/a.png'),
    ['file:///etc/passwd'],
    null,
  ],
  negative_prompt: ['', 5, long(5000), null],
  seed: [-1, 1.5, 'abc', 2 ** 33, null],
  source: [{ operation: 'extend', video: { id: 'video_000000000000000000000000' } }, 'x'],
};

const extendBase = { prompt: 'and then', video: { id: 'video_000000000000000000000000' } };

/** `POST /v1/videos/extensions` and `/v1/videos/edits`: the source video and the model must make sense. */
function videoToVideoCases(): Case[] {
  const bodies: [string, unknown][] = [
    ['no video', { prompt: 'x' }],
    ['video as a number', { prompt: 'x', video: 5 }],
    ['video id empty', { prompt: 'x', video: { id: '' } }],
    ['video of an unknown id', extendBase],
    ['video id with extra keys', { prompt: 'x', video: { id: 'video_1', url: 'https://a' } }],
    ['video URL on loopback', { prompt: 'x', model: 'runway-aleph-2', video: 'http://127.0.0.1:1/a.mp4' }],
    [
      'video URL to metadata',
      { prompt: 'x', model: 'runway-aleph-2', video: 'http://169.254.169.254/a.mp4' },
    ],
    [
      'video data URI that is no video',
      { prompt: 'x', model: 'runway-aleph-2', video: 'data:video/mp4;base64,AAAA' },
    ],
    ['video file URL', { prompt: 'x', model: 'runway-aleph-2', video: 'file:///etc/passwd' }],
    ['a URL video without a model', { prompt: 'x', video: 'https://example.com/a.mp4' }],
    ['no prompt', { video: { id: 'video_000000000000000000000000' } }],
    ['a model that cannot', { prompt: 'x', model: 'sora-2-pro', video: 'data:video/mp4;base64,AAAA' }],
  ];
  return ['/v1/videos/extensions', '/v1/videos/edits'].flatMap((path) => [
    ...bodies.map(([name, body]) => ({ name: `${path}: ${name}`, path, body: JSON.stringify(body) })),
    { name: `${path}: bad JSON`, path, body: '{' },
  ]);
}

function jsonCases(): Case[] {
  const cases: Case[] = [];
  for (const [field, values] of Object.entries(badValues)) {
    values.forEach((value, index) => {
      cases.push({
        name: `${field} #${index} = ${JSON.stringify(value)?.slice(0, 40)}`,
        body: JSON.stringify({ ...base, [field]: value }),
      });
    });
  }
  cases.push({
    name: 'seconds and duration disagree',
    body: JSON.stringify({ ...base, seconds: 4, duration: 8 }),
  });
  cases.push({
    name: 'strict and an unsupported duration',
    body: JSON.stringify({ ...base, seconds: 7, strict: true }),
  });
  cases.push({
    name: 'strict and an unsupported size',
    body: JSON.stringify({ ...base, size: '1000x560', strict: true }),
  });
  for (const missing of [{}, { model: 'sora-2-pro' }, { prompt: 'p' }, { model: null, prompt: null }]) {
    cases.push({ name: `missing fields ${JSON.stringify(missing)}`, body: JSON.stringify(missing) });
  }
  return cases;
}

function badJsonCases(): Case[] {
  const texts = [
    '{',
    '{"model":',
    '{"model":"sora-2-pro","prompt":"x",}',
    "{'model':'sora-2-pro'}",
    'null',
    '[]',
    '[{"model":"sora-2-pro","prompt":"x"}]',
    '"a string"',
    '123',
    'true',
    '',
    '   ',
    '{"model":"sora-2-pro","prompt":"x"}}',
    'NaN',
    '{"model":"sora-2-pro","prompt":"x"',
    '\u0000\u0001\u0002',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    '{"model":"sora-2-pro","prompt":"\\ud800"}garbage',
    'model=sora-2-pro&prompt=x',
  ];
  return texts.map((text, index) => ({
    name: `bad JSON #${index}`,
    body: text,
    contentType: 'application/json',
  }));
}

function contentTypeCases(): Case[] {
  const json = JSON.stringify(base);
  return [
    { name: 'text/plain', contentType: 'text/plain', body: json },
    {
      name: 'application/xml',
      contentType: 'application/xml',
      body: '<video><model>sora-2-pro</model></video>',
    },
    { name: 'image/png', contentType: 'image/png', body: new Uint8Array([137, 80, 78, 71]) },
    { name: 'application/octet-stream', contentType: 'application/octet-stream', body: json },
    { name: 'multipart without boundary', contentType: 'multipart/form-data', body: json },
    {
      name: 'multipart with a wrong boundary',
      contentType: 'multipart/form-data; boundary=nope',
      body: '--other\r\n\r\nx\r\n--other--',
    },
    {
      name: 'urlencoded with empty values',
      contentType: 'application/x-www-form-urlencoded',
      body: 'model=&prompt=',
    },
    {
      name: 'urlencoded without prompt',
      contentType: 'application/x-www-form-urlencoded',
      body: 'model=sora-2-pro',
    },
    {
      name: 'urlencoded bad seconds',
      contentType: 'application/x-www-form-urlencoded',
      body: 'model=sora-2-pro&prompt=x&seconds=lots',
    },
    { name: 'urlencoded broken JSON', contentType: 'application/x-www-form-urlencoded', body: '{"model":' },
  ];
}

function multipartCases(): Case[] {
  const form = (build: (data: FormData) => void): FormData => {
    const data = new FormData();
    build(data);
    return data;
  };
  const withBase = (data: FormData) => {
    data.append('model', 'sora-2-pro');
    data.append('prompt', 'a boat');
  };
  const png = renderPng({ width: 64, height: 64, seed: 'one' });
  const cases: Array<[string, FormData]> = [
    [
      'a file as prompt',
      form((data) => {
        data.append('model', 'sora-2-pro');
        data.append('prompt', new Blob(['x']), 'p.txt');
      }),
    ],
    [
      'a file in metadata',
      form((data) => {
        withBase(data);
        data.append('metadata[a]', new Blob(['x']), 'a.txt');
      }),
    ],
    [
      'a duplicated model',
      form((data) => {
        withBase(data);
        data.append('model', 'veo-3.1');
      }),
    ],
    [
      'a bad field name',
      form((data) => {
        withBase(data);
        data.append('provider[only', 'fal');
      }),
    ],
    [
      'a prototype field name',
      form((data) => {
        withBase(data);
        data.append('__proto__[polluted]', 'yes');
      }),
    ],
    [
      'an empty input_reference file',
      form((data) => {
        withBase(data);
        data.append('input_reference', new Blob([], { type: 'image/png' }), 'e.png');
      }),
    ],
    [
      'a text file as input_reference',
      form((data) => {
        withBase(data);
        data.append('input_reference', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
      }),
    ],
    [
      'garbage bytes labelled PNG',
      form((data) => {
        withBase(data);
        data.append(
          'input_reference',
          new Blob([new Uint8Array(256).fill(7)], { type: 'image/png' }),
          'a.png',
        );
      }),
    ],
    [
      'a conflicting provider',
      form((data) => {
        withBase(data);
        data.append('provider', 'fal');
        data.append('provider[only][]', 'fal');
      }),
    ],
    [
      'provider.allow_fallbacks not a flag',
      form((data) => {
        withBase(data);
        data.append('provider[allow_fallbacks]', 'perhaps');
      }),
    ],
    [
      'metadata as broken JSON',
      form((data) => {
        withBase(data);
        data.append('metadata', '{"a":');
      }),
    ],
    [
      'seconds as words',
      form((data) => {
        withBase(data);
        data.append('seconds', 'eight');
      }),
    ],
    [
      'n too large',
      form((data) => {
        withBase(data);
        data.append('n', '99');
      }),
    ],
    [
      'missing prompt',
      form((data) => {
        data.append('model', 'sora-2-pro');
      }),
    ],
    [
      'too many fields',
      form((data) => {
        withBase(data);
        for (let index = 0; index < 250; index += 1) data.append(`f${index}`, 'v');
      }),
    ],
    [
      'a PNG as prompt',
      form((data) => {
        data.append('model', 'sora-2-pro');
        data.append('prompt', new Blob([png], { type: 'image/png' }), 'p.png');
      }),
    ],
  ];
  const built: Case[] = cases.map(([name, body]) => ({
    name: `multipart: ${name}`,
    body,
    contentType: undefined,
  }));
  const truncated =
    '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nsora-2-pro\r\n--b\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nunterminated';
  built.push({
    name: 'multipart: truncated',
    contentType: 'multipart/form-data; boundary=b',
    body: truncated,
  });
  built.push({
    name: 'multipart: no parts',
    contentType: 'multipart/form-data; boundary=b',
    body: '--b--\r\n',
  });
  return built;
}

/** The same field mistakes as multipart text fields, the way the OpenAI SDK would carry them. */
const badFormValues: Record<string, string[]> = {
  model: ['', 'no-such-model', 'fal/no-such-model'],
  prompt: [''],
  seconds: ['abc', '-1', '0', '601', '4 s s', '1e3', ' ', ''],
  duration: ['eight', '-8'],
  size: ['1280', 'axb', '99999999x1', 'auto ', '1280*720', '16:9:1'],
  aspect_ratio: ['16/9', '169', 'wide', '16:'],
  resolution: ['hd', '720', 'p720'],
  n: ['0', '9', '1.5', 'two', '-3'],
  audio: ['yes', '2', 'on'],
  strict: ['maybe', '2'],
  webhook_url: ['ftp://example.com/hook', 'not a url'],
  input_reference: [
    '',
    'http://127.0.0.1:1/frame.png',
    'file:///etc/passwd',
    'not a url at all',
    'data:text/plain;base64,aGVsbG8=',
  ],
  metadata: ['str'],
  provider: ['fal'],
};

function multipartFieldCases(): Case[] {
  return Object.entries(badFormValues).flatMap(([field, values]) =>
    values.map((value, index) => {
      const data = new FormData();
      for (const [name, text] of Object.entries({ ...base, [field]: value })) data.append(name, text);
      return {
        name: `multipart ${field} #${index} = ${JSON.stringify(value)}`,
        body: data,
        contentType: undefined,
      };
    }),
  );
}

function otherCases(): Case[] {
  return [
    { name: 'dry_run=maybe', path: '/v1/videos?dry_run=maybe', body: JSON.stringify(base) },
    {
      name: 'dry run of an unknown model',
      path: '/v1/videos?dry_run=true',
      body: JSON.stringify({ ...base, model: 'nope' }),
    },
    {
      name: 'an Idempotency-Key of 300 characters',
      headers: { 'idempotency-key': long(300) },
      body: JSON.stringify(base),
    },
    {
      name: 'remix of an unknown video',
      path: '/v1/videos/video_000000000000000000000000/remix',
      body: JSON.stringify({ prompt: 'x' }),
    },
    {
      name: 'remix without a prompt',
      path: '/v1/videos/video_000000000000000000000000/remix',
      body: JSON.stringify({}),
    },
    { name: 'remix with bad JSON', path: '/v1/videos/video_000000000000000000000000/remix', body: '{' },
    {
      name: 'remix with a numeric prompt',
      path: '/v1/videos/video_000000000000000000000000/remix',
      body: JSON.stringify({ prompt: 7 }),
    },
    {
      name: 'a path-traversal id',
      path: '/v1/videos/..%2F..%2Fetc/remix',
      body: JSON.stringify({ prompt: 'x' }),
    },
    { name: 'a body over 25 MiB', body: JSON.stringify({ ...base, prompt: long(26 * 1024 * 1024) }) },
  ];
}

describe('malformed requests', () => {
  let gateway: TestGateway;
  const cases = [
    ...jsonCases(),
    ...badJsonCases(),
    ...contentTypeCases(),
    ...multipartCases(),
    ...multipartFieldCases(),
    ...otherCases(),
    ...videoToVideoCases(),
  ];

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('covers at least 200 malformed bodies', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it("answers every one with a 4xx in OpenAI's error shape, never a 5xx", async () => {
    const failures: string[] = [];
    for (const testCase of cases) {
      const headers: Record<string, string> = { ...testCase.headers };
      if (testCase.contentType !== undefined) headers['content-type'] = testCase.contentType;
      else if (!(testCase.body instanceof FormData)) headers['content-type'] = 'application/json';
      const response = await fetch(`${gateway.url}${testCase.path ?? '/v1/videos'}`, {
        method: 'POST',
        headers,
        body: testCase.body,
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const error = (body as { error?: Record<string, unknown> | null } | undefined)?.error;
      const shaped =
        error !== undefined &&
        error !== null &&
        typeof error['message'] === 'string' &&
        typeof error['type'] === 'string' &&
        (error['param'] === null || typeof error['param'] === 'string') &&
        (error['code'] === null || typeof error['code'] === 'string');
      if (response.status < 400 || response.status >= 500 || !shaped) {
        failures.push(`${testCase.name}: ${response.status} ${text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(gateway.logs.filter((line) => line.includes('→ 5'))).toEqual([]);
  });

  it('names the field and what is expected', async () => {
    const response = await fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...base, n: 'two' }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe('n');
    expect(error.message).toContain("'n'");

    const nested = await fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...base, provider: { only: [1] } }),
    });
    expect(((await nested.json()) as { error: { param: string } }).error.param).toBe('provider.only[0]');
  });

  it('says invalid_json for a body that does not parse', async () => {
    const response = await fetch(`${gateway.url}/v1/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_json', type: 'invalid_request_error' },
    });
  });
});
