import { describe, expect, it } from 'vitest';
import {
  abbreviateForDisplay,
  curlSnippet,
  javascriptSnippet,
  pythonSnippet,
  shellQuote,
  snippetFor,
} from './snippets';
import type { VideoRequestBody } from './wire-types';

const origin = 'http://127.0.0.1:3000';
const body: VideoRequestBody = {
  model: 'veo-3.1',
  prompt: "a fox's den",
  seconds: '8',
  aspect_ratio: '16:9',
  resolution: '1080p',
  audio: false,
};

describe('curlSnippet', () => {
  it('sends the exact JSON body, single-quoted for the shell', () => {
    expect(curlSnippet(body, { origin, hasKey: false })).toBe(
      [
        "curl -sS 'http://127.0.0.1:3000/v1/videos' \\",
        "  -H 'Content-Type: application/json' \\",
        "  -d '{",
        '  "model": "veo-3.1",',
        `  "prompt": "a fox'\\''s den",`,
        '  "seconds": "8",',
        '  "aspect_ratio": "16:9",',
        '  "resolution": "1080p",',
        '  "audio": false',
        "}'",
      ].join('\n'),
    );
  });

  it('reads the key from REELAY_API_KEY and never inlines it', () => {
    const snippet = curlSnippet(body, { origin: 'https://reelay.example.com/', hasKey: true });
    expect(snippet).toContain(`-H "Authorization: Bearer $REELAY_API_KEY"`);
    expect(snippet).toContain("'https://reelay.example.com/v1/videos'");
  });
});

describe('javascriptSnippet', () => {
  it('uses the official SDK with every field in videos.create', () => {
    expect(javascriptSnippet(body, { origin, hasKey: true })).toBe(
      [
        "import OpenAI from 'openai';",
        '',
        'const client = new OpenAI({',
        "  baseURL: 'http://127.0.0.1:3000/v1',",
        '  apiKey: process.env.REELAY_API_KEY,',
        '});',
        '',
        'const video = await client.videos.create({',
        "  model: 'veo-3.1',",
        "  prompt: 'a fox\\'s den',",
        "  seconds: '8',",
        "  aspect_ratio: '16:9',",
        "  resolution: '1080p',",
        '  audio: false,',
        '});',
        '',
        "console.log(video.id, video.status); // poll client.videos.retrieve(video.id) until 'completed'",
      ].join('\n'),
    );
  });

  it('gives the SDK a placeholder key when the gateway has none', () => {
    expect(javascriptSnippet(body, { origin, hasKey: false })).toContain("apiKey: 'unused',");
  });
});

describe('pythonSnippet', () => {
  it("passes OpenAI's own parameters as arguments and Reelay's in extra_body", () => {
    expect(pythonSnippet(body, { origin, hasKey: true })).toBe(
      [
        'import os',
        '',
        'from openai import OpenAI',
        '',
        'client = OpenAI(',
        '    base_url="http://127.0.0.1:3000/v1",',
        '    api_key=os.environ["REELAY_API_KEY"],',
        ')',
        '',
        'video = client.videos.create(',
        '    model="veo-3.1",',
        `    prompt="a fox's den",`,
        '    seconds="8",',
        '    extra_body={',
        '        "aspect_ratio": "16:9",',
        '        "resolution": "1080p",',
        '        "audio": False,',
        '    },',
        ')',
        '',
        'print(video.id, video.status)  # poll client.videos.retrieve(video.id) until "completed"',
      ].join('\n'),
    );
  });

  it('needs no extra_body and no os import for a plain OpenAI request without a key', () => {
    const snippet = pythonSnippet(
      { model: 'sora-2', prompt: 'x', size: '1280x720' },
      { origin, hasKey: false },
    );
    expect(snippet).not.toContain('extra_body');
    expect(snippet).not.toContain('import os');
    expect(snippet).toContain('    api_key="unused",  # this gateway has no keys');
  });
});

describe('snippetFor', () => {
  it.each(['curl', 'javascript', 'python'] as const)('%s carries the data URI whole', (language) => {
    const dataUri = `data:image/png;base64,${'A'.repeat(4000)}`;
    const snippet = snippetFor(
      language,
      { model: 'kling-3', prompt: 'x', input_reference: dataUri },
      { origin, hasKey: false },
    );
    expect(snippet).toContain(dataUri);
  });
});

describe('abbreviateForDisplay', () => {
  it('shortens long data URIs on screen only', () => {
    const shown = abbreviateForDisplay(`"input_reference": "data:image/png;base64,${'A'.repeat(4096)}"`);
    expect(shown).toBe(
      '"input_reference": "data:image/png;base64,AAAAAAAAAAAAAAAA…(3 KiB, shortened on screen; Copy takes it whole)"',
    );
  });

  it('leaves short data URIs and everything else alone', () => {
    const text = 'curl -d \'{"input_reference": "data:image/png;base64,AAAA"}\'';
    expect(abbreviateForDisplay(text)).toBe(text);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ['$HOME `x` "y"', `'$HOME \`x\` "y"'`],
  ])('%s', (input, quoted) => {
    expect(shellQuote(input)).toBe(quoted);
  });
});
