import type { Dispatcher } from 'undici';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One HTTP exchange on `dispatcher`, redirects not followed. Rejects with the raw transport error, or with
 * the signal's reason when the caller aborted, so callers can tell cancellation from failure.
 */
export async function sendRequest(options: {
  dispatcher: Dispatcher;
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
  abortSignal?: AbortSignal | undefined;
}): Promise<Dispatcher.ResponseData> {
  const { abortSignal, url } = options;
  abortSignal?.throwIfAborted();
  try {
    return await options.dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: options.method,
      headers: options.headers,
      body: options.body,
      signal: abortSignal,
    });
  } catch (error) {
    if (abortSignal?.aborted) throw abortSignal.reason;
    throw error;
  }
}

/** Reads a whole body as text; `limit` caps what is kept (error bodies can be large HTML pages). */
export async function readBodyText(body: Dispatcher.ResponseData['body'], limit?: number): Promise<string> {
  if (limit === undefined) return await body.text();
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body) {
    text += decoder.decode(chunk as Uint8Array, { stream: true });
    if (text.length >= limit) {
      discardBody(body);
      return text.slice(0, limit);
    }
  }
  return text + decoder.decode();
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** Closes a response body we no longer want, without an unhandled 'error' event from the destroy. */
export function discardBody(body: {
  on(event: 'error', listener: () => void): unknown;
  destroy(): unknown;
}): void {
  body.on('error', () => {});
  body.destroy();
}
