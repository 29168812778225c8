import type { ContentResult } from '@reelay/core';
import { UpstreamError } from '@reelay/core';
import type { Dispatcher } from 'undici';
import { UnsafeUrlError } from '../errors/unsafe-url-error';
import { UrlFetchError } from '../errors/url-fetch-error';
import type { SafeFetcher } from '../safe-fetch/safe-fetcher';
import { sanitizeUrl } from '../upstream-errors/redact';
import { isRedirect } from './send-request';

const MAX_REDIRECTS = 5;

/**
 * Follows redirects of a credentialed GET: hops on the provider's own origin are re-sent with credentials;
 * the first hop to another origin (a CDN, a signed storage URL) goes through `redirectFetcher`, which sends
 * no credentials and checks the address. Returns the final response, or the content fetched elsewhere.
 */
export async function followStreamRedirects(options: {
  provider: string;
  baseOrigin: string;
  start: URL;
  send: (url: URL) => Promise<Dispatcher.ResponseData>;
  redirectFetcher: () => SafeFetcher;
  abortSignal: AbortSignal | undefined;
}): Promise<{ response: Dispatcher.ResponseData; url: URL } | { content: ContentResult }> {
  let url = options.start;
  for (let hop = 0; ; hop++) {
    const response = await options.send(url);
    const location = response.headers['location'];
    if (!isRedirect(response.statusCode) || typeof location !== 'string') return { response, url };
    await response.body.dump().catch(() => undefined);
    if (hop >= MAX_REDIRECTS) {
      throw new UpstreamError({
        provider: options.provider,
        message: `GET ${sanitizeUrl(options.start.href)} redirected more than ${MAX_REDIRECTS} times.`,
        statusCode: response.statusCode,
        providerCode: 'too_many_redirects',
        isRetryable: false,
        nothingCreated: true,
        url: sanitizeUrl(url.href),
      });
    }
    const next = new URL(location, url);
    if (next.origin === options.baseOrigin) {
      url = next;
      continue;
    }
    try {
      return {
        content: await options.redirectFetcher().fetch(next.href, { abortSignal: options.abortSignal }),
      };
    } catch (error) {
      if (options.abortSignal?.aborted) throw error;
      throw redirectFailure(options.provider, next, error);
    }
  }
}

function redirectFailure(provider: string, target: URL, error: unknown): unknown {
  if (!UnsafeUrlError.isInstance(error) && !UrlFetchError.isInstance(error)) return error;
  const statusCode = UrlFetchError.isInstance(error) ? error.statusCode : undefined;
  return new UpstreamError({
    provider,
    message: `redirected to ${sanitizeUrl(target.href)}, which failed: ${error.message}`,
    statusCode,
    providerCode: UnsafeUrlError.isInstance(error) ? 'unsafe_redirect' : 'redirect_failed',
    isRetryable: UrlFetchError.isInstance(error) && error.isRetryable,
    nothingCreated: true,
    url: sanitizeUrl(target.href),
    cause: error,
  });
}
