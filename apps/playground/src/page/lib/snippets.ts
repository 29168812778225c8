import type { VideoRequestBody } from './wire-types';

export type SnippetLanguage = 'curl' | 'javascript' | 'python';

export type SnippetContext = {
  /** The gateway origin the page was served from, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  /** Whether the user set an API key; snippets read it from `REELAY_API_KEY`, never inline it. */
  hasKey: boolean;
};

export const SNIPPET_LANGUAGES: ReadonlyArray<{ id: SnippetLanguage; label: string }> = [
  { id: 'curl', label: 'cURL' },
  { id: 'javascript', label: 'JavaScript' },
  { id: 'python', label: 'Python' },
];

/**
 * Parameters the Python SDK's `videos.create` takes as arguments; anything else goes in `extra_body`. Not
 * `input_reference`: the SDK accepts only a file there, and the page sends a URL or data URI string.
 */
const PYTHON_PARAMS = new Set(['model', 'prompt', 'seconds', 'size']);

export function snippetFor(
  language: SnippetLanguage,
  body: VideoRequestBody,
  context: SnippetContext,
): string {
  if (language === 'curl') return curlSnippet(body, context);
  if (language === 'javascript') return javascriptSnippet(body, context);
  return pythonSnippet(body, context);
}

/** A shell command that sends exactly `body` as JSON; runnable as shown (with `REELAY_API_KEY` set if keyed). */
export function curlSnippet(body: VideoRequestBody, context: SnippetContext): string {
  const lines = [
    `curl -sS ${shellQuote(`${apiBase(context.origin)}/videos`)}`,
    `-H 'Content-Type: application/json'`,
    ...(context.hasKey ? ['-H "Authorization: Bearer $REELAY_API_KEY"'] : []),
    `-d ${shellQuote(JSON.stringify(body, null, 2))}`,
  ];
  return lines.join(' \\\n  ');
}

/** The official `openai` npm package pointed at the gateway. */
export function javascriptSnippet(body: VideoRequestBody, context: SnippetContext): string {
  const apiKey = context.hasKey
    ? 'apiKey: process.env.REELAY_API_KEY,'
    : "apiKey: 'unused', // this gateway has no keys; the SDK still wants a value";
  return [
    "import OpenAI from 'openai';",
    '',
    'const client = new OpenAI({',
    `  baseURL: ${jsString(apiBase(context.origin))},`,
    `  ${apiKey}`,
    '});',
    '',
    `const video = await client.videos.create(${jsLiteral(body, '')});`,
    '',
    "console.log(video.id, video.status); // poll client.videos.retrieve(video.id) until 'completed'",
  ].join('\n');
}

/** The official `openai` Python package; Reelay's own fields travel in `extra_body`. */
export function pythonSnippet(body: VideoRequestBody, context: SnippetContext): string {
  const entries = Object.entries(body).filter(([, value]) => value !== undefined);
  const native = entries.filter(([key]) => PYTHON_PARAMS.has(key));
  const extra = entries.filter(([key]) => !PYTHON_PARAMS.has(key));
  const apiKey = context.hasKey ? 'os.environ["REELAY_API_KEY"]' : '"unused",  # this gateway has no keys';
  const args = native.map(([key, value]) => `    ${key}=${pyLiteral(value, '    ')},`);
  if (extra.length > 0) args.push(`    extra_body=${pyLiteral(Object.fromEntries(extra), '    ')},`);
  return [
    ...(context.hasKey ? ['import os', ''] : []),
    'from openai import OpenAI',
    '',
    'client = OpenAI(',
    `    base_url=${JSON.stringify(apiBase(context.origin))},`,
    `    api_key=${apiKey}${context.hasKey ? ',' : ''}`,
    ')',
    '',
    'video = client.videos.create(',
    ...args,
    ')',
    '',
    'print(video.id, video.status)  # poll client.videos.retrieve(video.id) until "completed"',
  ].join('\n');
}

/**
 * The snippet as shown on screen: long data URIs are cut to a readable stub. Copying always takes the full
 * text, so what is pasted runs.
 */
export function abbreviateForDisplay(snippet: string): string {
  return snippet.replace(
    /data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/=]{48,})/g,
    (_match, type: string, data: string) => {
      const kib = Math.max(1, Math.round((data.length * 3) / 4 / 1024));
      return `data:${type};base64,${data.slice(0, 16)}…(${kib} KiB, shortened on screen; Copy takes it whole)`;
    },
  );
}

function apiBase(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/v1`;
}

/** POSIX single quotes: nothing inside is expanded; a `'` is closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function jsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function jsLiteral(value: unknown, indent: string): string {
  if (typeof value === 'string') return jsString(value);
  if (Array.isArray(value)) return `[${value.map((item) => jsLiteral(item, indent)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const inner = `${indent}  `;
    const lines = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(
        ([key, item]) =>
          `${inner}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : jsString(key)}: ${jsLiteral(item, inner)},`,
      );
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value ?? null);
}

function pyLiteral(value: unknown, indent: string): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => pyLiteral(item, indent)).join(', ')}]`;
  if (typeof value === 'object') {
    const inner = `${indent}    `;
    const lines = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${pyLiteral(item, inner)},`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
  return 'None';
}
