import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { OpenAIErrorBody } from '@reelay/core';
import { CliError, ExitCode } from './cli-error';

/** Core's error body, read leniently (a proxy in front of the gateway may answer with anything). */
type GatewayErrorBody = { error?: Partial<OpenAIErrorBody['error']> };

/** A thin HTTP client for the gateway's OpenAI-compatible API. */
export class GatewayClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  async json<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const init: RequestInit = { method, headers: { ...this.headers(), ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const response = await this.fetch(path, init);
    const text = await response.text();
    if (!response.ok) throw gatewayError(response.status, text);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(
        `The gateway answered ${path} with something that is not JSON.`,
        ExitCode.routeOrUpstream,
      );
    }
  }

  /** Streams a response body to `file` (via a temporary name, so a broken download never looks finished). */
  async download(path: string, file: string): Promise<number> {
    const response = await this.fetch(path, { headers: this.headers() });
    if (!response.ok || !response.body) throw gatewayError(response.status, await response.text());
    const partial = `${file}.part`;
    let bytes = 0;
    const counted = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).on(
      'data',
      (chunk: Buffer) => {
        bytes += chunk.length;
      },
    );
    await pipeline(counted, createWriteStream(partial));
    await rename(partial, file);
    return bytes;
  }

  private headers(): Record<string, string> {
    return this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {};
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(new URL(path, this.baseUrl), init);
    } catch (error) {
      throw new CliError(
        `Cannot reach the gateway at ${this.baseUrl} (${(error as Error).cause ?? (error as Error).message}). ` +
          'Start one with `reelay serve`, or drop --url / REELAY_URL to run in-process.',
        ExitCode.routeOrUpstream,
      );
    }
  }
}

function gatewayError(status: number, text: string): CliError {
  let body: GatewayErrorBody = {};
  try {
    body = JSON.parse(text) as GatewayErrorBody;
  } catch {
    // A non-JSON error body still gets reported below with its status.
  }
  const error = body.error;
  const message = advice(error?.message ?? `The gateway answered HTTP ${status}.`, error?.code);
  const where = error?.param ? ` (${error.param})` : '';
  const isUsage =
    status === 400 && error?.type === 'invalid_request_error' && error.code !== 'model_not_found';
  const isAuth = status === 401 || status === 403;
  return new CliError(
    `${message}${where}${isAuth ? ' Pass a key with --api-key or REELAY_API_KEY.' : ''}`,
    isUsage ? ExitCode.usage : ExitCode.routeOrUpstream,
    body,
  );
}

/** The gateway's advice names HTTP routes; at the terminal, the matching command is the useful hint. */
function advice(message: string, code: string | null | undefined): string {
  if (code !== 'model_not_found') return message;
  return `${message.replace(/\s*[^.]*GET \/v1\/models[^.]*\./, '')} List them with 'reelay models'.`;
}
