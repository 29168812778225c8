import { lookup } from 'node:dns/promises';
import type { ContentResult } from '@reelay/core';
import { isRetryableStatus } from '@reelay/core';
import { Agent, type Dispatcher } from 'undici';
import { ContentTooLargeError } from '../errors/content-too-large-error';
import { UnsafeUrlError } from '../errors/unsafe-url-error';
import { UrlFetchError } from '../errors/url-fetch-error';
import { describeNetworkError, errorCode } from '../http/network-error';
import { discardBody, isRedirect, readBodyText, sendRequest } from '../http/send-request';
import { type HttpTimeouts, resolveTimeouts } from '../http/timeouts';
import { contentLengthOf, mergeHeaders, toHeaders } from '../http/to-headers';
import { toWebStream } from '../http/to-web-stream';
import { isCredentialHeader, sanitizeUrl } from '../upstream-errors/redact';
import {
  type AddressPolicy,
  literalAddress,
  noMetadataAddresses,
  publicAddressesOnly,
} from './address-policy';
import { checkUrl } from './check-url';
import { createSafeLookup, findRefusedAddress } from './safe-lookup';

/** 1 GiB: a long 4K video fits; a runaway stream does not. */
export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export type SafeFetcherOptions = {
  /**
   * Origins fetched without the address checks (configured provider base URLs, a sandbox simulator on
   * loopback). `https://queue.fal.run/` and `https://queue.fal.run` are the same origin.
   */
  trustedOrigins: string[];
  /** Allows private, loopback and link-local addresses everywhere; cloud metadata addresses stay refused. */
  allowPrivateNetwork?: boolean;
  /** Default byte limit of one download. Default 1 GiB. */
  maxBytes?: number;
  /** Defaults: connect 10 s, headers 60 s, body 300 s. */
  timeouts?: HttpTimeouts;
};

export type SafeFetchOptions = {
  abortSignal?: AbortSignal;
  /** Overrides the fetcher's limit for this download. */
  maxBytes?: number;
  /** Extra request headers (`accept`, `range`). Credential headers are refused. */
  headers?: Record<string, string>;
};

export type SafePostOptions = {
  /** Sent as is (JSON text, say); the caller sets `content-type`. */
  body: string | Uint8Array;
  /** Request headers (`content-type`, signatures). Credential headers are refused. */
  headers?: Record<string, string>;
  abortSignal?: AbortSignal;
  /** The whole exchange, connect to the last byte of the answer. Default: only the fetcher's per-phase timeouts. */
  timeoutMs?: number;
};

/** The receiver's answer to a `post`; the first 4 KiB of its body are kept (for error messages). */
export type SafePostResponse = { status: number; headers: Headers; bodyText: string };

const POST_RESPONSE_TEXT_LIMIT = 4096;

export type SafeFetcher = {
  /**
   * GETs a URL from a user or a provider response, without credentials, following at most 5 redirects and
   * checking every hop. Refusals throw `UnsafeUrlError`; a failed download throws `UrlFetchError`; going past
   * `maxBytes` throws (or fails the stream with) `ContentTooLargeError`. An aborted call rejects with the
   * signal's reason.
   */
  fetch(url: string, options?: SafeFetchOptions): Promise<ContentResult>;
  /**
   * POSTs to a URL a user gave (a webhook receiver), without credentials and with the same address checks as
   * `fetch`, made at connect time. Redirects are not followed (a 3xx is returned as is), and any HTTP answer
   * resolves: the caller decides what a status means. Refusals throw `UnsafeUrlError`; a connection failure
   * or `timeoutMs` throws `UrlFetchError` (`isRetryable`); an aborted call rejects with the signal's reason.
   */
  post(url: string, options: SafePostOptions): Promise<SafePostResponse>;
  /** The same checks without downloading: resolves DNS and throws `UnsafeUrlError` if refused. */
  assertSafe(url: string): Promise<void>;
  /** Closes pooled connections; later calls open new ones. */
  close(): Promise<void>;
};

export function createSafeFetcher(options: SafeFetcherOptions): SafeFetcher {
  const trusted = new Set(options.trustedOrigins.map(originOf));
  const timeouts = resolveTimeouts(options.timeouts);
  const policy: AddressPolicy = options.allowPrivateNetwork ? noMetadataAddresses : publicAddressesOnly;
  const defaultMaxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;

  let guarded: Agent | undefined;
  let plain: Agent | undefined;
  const agentOptions = { headersTimeout: timeouts.headersMs, bodyTimeout: timeouts.bodyMs };
  function dispatcherFor(url: URL): Dispatcher {
    if (trusted.has(url.origin)) {
      plain ??= new Agent({ ...agentOptions, connect: { timeout: timeouts.connectMs } });
      return plain;
    }
    guarded ??= new Agent({
      ...agentOptions,
      connect: { timeout: timeouts.connectMs, lookup: createSafeLookup(policy) },
    });
    return guarded;
  }

  const check = (url: string): URL => {
    const parsed = checkUrl(url, undefined);
    return trusted.has(parsed.origin) ? parsed : checkUrl(url, policy);
  };

  return {
    async fetch(url, fetchOptions = {}) {
      const { abortSignal } = fetchOptions;
      const maxBytes = fetchOptions.maxBytes ?? defaultMaxBytes;
      const headers = requestHeaders(fetchOptions.headers);
      let current = check(url);

      for (let hop = 0; ; hop++) {
        const shown = sanitizeUrl(current.href);
        let response: Dispatcher.ResponseData;
        try {
          response = await sendRequest({
            dispatcher: dispatcherFor(current),
            url: current,
            method: 'GET',
            headers,
            abortSignal,
          });
        } catch (error) {
          throw abortSignal?.aborted ? abortSignal.reason : transportFailure(shown, error);
        }

        const location = response.headers['location'];
        if (isRedirect(response.statusCode) && typeof location === 'string') {
          await response.body.dump();
          if (hop >= MAX_REDIRECTS) {
            throw new UrlFetchError({
              url: shown,
              message: `more than ${MAX_REDIRECTS} redirects.`,
              statusCode: response.statusCode,
              isRetryable: false,
            });
          }
          current = check(new URL(location, current).href);
          continue;
        }

        if (response.statusCode < 200 || response.statusCode >= 300) {
          await response.body.dump().catch(() => undefined);
          throw new UrlFetchError({
            url: shown,
            message: `the server answered HTTP ${response.statusCode}.`,
            statusCode: response.statusCode,
            isRetryable: isRetryableStatus(response.statusCode),
          });
        }

        const responseHeaders = toHeaders(response.headers);
        const contentLength = contentLengthOf(responseHeaders);
        const tooLarge = () => new ContentTooLargeError({ url: shown, maxBytes });
        if (contentLength !== undefined && contentLength > maxBytes) {
          discardBody(response.body);
          throw tooLarge();
        }
        return {
          body: toWebStream(response.body, {
            maxBytes,
            tooLarge,
            mapError: (error) => (abortSignal?.aborted ? abortSignal.reason : transportFailure(shown, error)),
          }),
          contentType: responseHeaders.get('content-type') ?? 'application/octet-stream',
          contentLength,
        };
      }
    },

    async post(url, postOptions) {
      const { abortSignal, timeoutMs } = postOptions;
      const headers = requestHeaders(postOptions.headers);
      const target = check(url);
      const shown = sanitizeUrl(target.href);
      const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
      const signal =
        timeout && abortSignal ? AbortSignal.any([abortSignal, timeout]) : (timeout ?? abortSignal);
      const failure = (error: unknown): unknown => {
        if (abortSignal?.aborted) return abortSignal.reason;
        if (timeout?.aborted) {
          return new UrlFetchError({
            url: shown,
            message: `no answer within ${timeoutMs} ms.`,
            isRetryable: true,
          });
        }
        return transportFailure(shown, error);
      };
      const body = typeof postOptions.body === 'string' ? postOptions.body : Buffer.from(postOptions.body);
      try {
        const response = await sendRequest({
          dispatcher: dispatcherFor(target),
          url: target,
          method: 'POST',
          headers,
          body,
          abortSignal: signal,
        });
        const bodyText = await readBodyText(response.body, POST_RESPONSE_TEXT_LIMIT);
        return { status: response.statusCode, headers: toHeaders(response.headers), bodyText };
      } catch (error) {
        throw failure(error);
      }
    },

    async assertSafe(url) {
      const parsed = check(url);
      if (trusted.has(parsed.origin) || literalAddress(parsed.hostname) !== undefined) return;
      let addresses: Array<{ address: string }>;
      try {
        addresses = await lookup(parsed.hostname, { all: true });
      } catch (error) {
        throw transportFailure(sanitizeUrl(parsed.href), error);
      }
      for (const { address } of addresses) {
        const reason = policy(address);
        if (reason !== undefined) {
          throw new UnsafeUrlError({
            url: sanitizeUrl(parsed.href),
            reason: `${parsed.hostname} resolves to a refused address: ${reason}.`,
          });
        }
      }
    },

    async close() {
      const closing = [guarded, plain].filter((agent) => agent !== undefined).map((agent) => agent.close());
      guarded = undefined;
      plain = undefined;
      await Promise.allSettled(closing);
    },
  };
}

function originOf(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    throw new TypeError(
      `trustedOrigins: '${origin}' is not an absolute URL such as https://api.example.com.`,
    );
  }
}

function requestHeaders(extra: Record<string, string> | undefined): Record<string, string> {
  for (const name of Object.keys(extra ?? {})) {
    if (isCredentialHeader(name)) {
      throw new TypeError(
        `The safe fetcher never sends credentials; remove the '${name}' header. ` +
          "Fetch a provider's authenticated URLs with its HTTP client.",
      );
    }
  }
  return mergeHeaders({ 'user-agent': 'reelay', accept: '*/*' }, extra);
}

function transportFailure(url: string, error: unknown): Error {
  const refused = findRefusedAddress(error);
  if (refused) {
    return new UnsafeUrlError({
      url,
      reason: `${refused.message}. Use a public URL, or add the origin to the trusted origins.`,
    });
  }
  const code = errorCode(error);
  return new UrlFetchError({
    url,
    message: `${describeNetworkError(error)}.`,
    isRetryable: code !== 'ENOTFOUND' && code !== 'EAI_NONAME',
    cause: error,
  });
}
