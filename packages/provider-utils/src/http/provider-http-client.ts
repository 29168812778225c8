import type { ContentResult, UpstreamError } from '@reelay/core';
import type { z } from 'zod';
import { createSafeFetcher, type SafeFetcher } from '../safe-fetch/safe-fetcher';
import { tryParseJson } from '../upstream-errors/json-body';
import { credentialValues, redactSecrets, sanitizeUrl } from '../upstream-errors/redact';
import type { UpstreamErrorParser } from '../upstream-errors/upstream-error-parser';
import { withoutTrailingSlash } from '../util/without-trailing-slash';
import { inClientSpan } from './client-span';
import { createDispatcherCache } from './dispatcher-cache';
import { encodeBody } from './encode-body';
import { isProgrammingError } from './network-error';
import { resolveRequestUrl } from './request-target';
import { type HttpMethod, isRedirect, readBodyText, sendRequest } from './send-request';
import { followStreamRedirects } from './stream-redirects';
import { type HttpTimeouts, resolveTimeouts } from './timeouts';
import { contentLengthOf, mergeHeaders, toHeaders } from './to-headers';
import { toWebStream } from './to-web-stream';
import { invalidResponse, networkFailure, parseErrorSafely } from './upstream-failure';

const MAX_ERROR_BODY_CHARS = 64 * 1024;

export type ProviderHttpClientOptions = {
  /** Provider id, used in errors and the user agent (`reelay/<provider>`). */
  provider: string;
  /** Credentials are only ever sent to this URL's origin. A trailing slash is ignored. */
  baseURL: string;
  /** Called for every request, so a rotated key is picked up; includes the auth header. */
  headers: () => Record<string, string>;
  /** Turns a non-2xx answer into an `UpstreamError`: `parseHttpError`, or a plugin's own (`createErrorParser`). */
  parseError: UpstreamErrorParser;
  /** Defaults: connect 10 s, headers 60 s, body 300 s. */
  timeouts?: HttpTimeouts;
  /**
   * Follows `stream()` redirects to other origins, without credentials. Default: an SSRF-guarded fetcher
   * that trusts no private address.
   */
  redirectFetcher?: SafeFetcher;
};

export type JsonRequest<T> = {
  method: HttpMethod;
  /** Appended to `baseURL`. */
  path?: string;
  /** An absolute URL on `baseURL`'s origin (a provider-returned status URL); other origins throw. */
  url?: string;
  /** A JSON-serialisable value, or `FormData` (sent as multipart). */
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  /** Validates the 2xx body; a mismatch is an `UpstreamError` with code `invalid_response`. */
  schema: z.ZodType<T>;
  abortSignal?: AbortSignal;
};

export type JsonResponse<T> = { value: T; status: number; headers: Headers };

export type StreamRequest = {
  method?: 'GET';
  path?: string;
  url?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  abortSignal?: AbortSignal;
};

export type ProviderHttpClient = {
  readonly provider: string;
  readonly baseURL: string;
  /**
   * A JSON (or FormData) request. Non-2xx → `UpstreamError` via `parseError`. A 2xx body that is not JSON or
   * fails `schema` → `UpstreamError` code `invalid_response`. A network failure before the request was sent
   * → `nothingCreated: true`; a timeout or reset after a POST was sent → `nothingCreated: false`.
   * An aborted call rejects with the signal's reason.
   */
  json<T>(request: JsonRequest<T>): Promise<JsonResponse<T>>;
  /** Streams a binary response from the provider's own origin, with credentials (OpenAI `/content`). */
  stream(request: StreamRequest): Promise<ContentResult>;
  /** Closes pooled connections. The client stays usable; new calls open new connections. */
  close(): Promise<void>;
};

export function createProviderHttpClient(options: ProviderHttpClientOptions): ProviderHttpClient {
  const { provider, parseError } = options;
  const baseURL = withoutTrailingSlash(options.baseURL);
  const timeouts = resolveTimeouts(options.timeouts);
  const dispatchers = createDispatcherCache(timeouts);
  const userAgent = `reelay/${provider}`;
  let defaultRedirectFetcher: SafeFetcher | undefined;
  const redirectFetcher = (): SafeFetcher => {
    if (options.redirectFetcher) return options.redirectFetcher;
    defaultRedirectFetcher ??= createSafeFetcher({ trustedOrigins: [], timeouts });
    return defaultRedirectFetcher;
  };

  function requestHeaders(
    extra: Record<string, string | undefined>,
    own: Record<string, string> | undefined,
  ) {
    const credentials = options.headers();
    const headers = mergeHeaders({ 'user-agent': userAgent }, extra, credentials, own);
    return { headers, secrets: [...credentialValues(credentials), ...credentialValues(own ?? {})] };
  }

  async function send(
    method: HttpMethod,
    url: URL,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    abortSignal: AbortSignal | undefined,
  ) {
    try {
      return await inClientSpan(provider, method, url, () =>
        sendRequest({
          dispatcher: dispatchers.get(url.origin),
          url,
          method,
          headers,
          body,
          abortSignal,
        }),
      );
    } catch (error) {
      if (abortSignal?.aborted || isProgrammingError(error)) throw error;
      throw networkFailure({ provider, method, url: sanitizeUrl(url.href), error });
    }
  }

  async function failure(
    response: {
      statusCode: number;
      headers: Record<string, string | string[] | undefined>;
      body: Parameters<typeof readBodyText>[0];
    },
    url: URL,
    secrets: readonly string[],
  ): Promise<UpstreamError> {
    let bodyText = '';
    try {
      bodyText = await readBodyText(response.body, MAX_ERROR_BODY_CHARS);
    } catch {
      // The status alone still describes the failure.
    }
    return parseErrorSafely(parseError, {
      status: response.statusCode,
      headers: toHeaders(response.headers),
      bodyText: redactSecrets(bodyText, secrets),
      provider,
      url: sanitizeUrl(url.href),
    });
  }

  return {
    provider,
    baseURL,

    async json<T>(request: JsonRequest<T>): Promise<JsonResponse<T>> {
      const url = resolveRequestUrl(baseURL, provider, request);
      const shownUrl = sanitizeUrl(url.href);
      const { body, contentType } = await encodeBody(request.body);
      const { headers, secrets } = requestHeaders(
        { accept: 'application/json', 'content-type': contentType },
        request.headers,
      );

      const response = await send(request.method, url, headers, body, request.abortSignal);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw await failure(response, url, secrets);
      }

      let bodyText: string;
      try {
        bodyText = await response.body.text();
      } catch (error) {
        if (request.abortSignal?.aborted) throw request.abortSignal.reason;
        throw networkFailure({ provider, method: request.method, url: shownUrl, error });
      }
      const responseHeaders = toHeaders(response.headers);
      const parsedJson = tryParseJson(bodyText);
      if (parsedJson === undefined && bodyText.trim() !== '') {
        throw invalidResponse({
          provider,
          method: request.method,
          url: shownUrl,
          status: response.statusCode,
          problem: 'a body that is not JSON',
          bodyText,
          secrets,
          retryable: request.method === 'GET',
        });
      }
      const result = request.schema.safeParse(parsedJson);
      if (!result.success) {
        throw invalidResponse({
          provider,
          method: request.method,
          url: shownUrl,
          status: response.statusCode,
          problem: `an unexpected body (${describeIssues(result.error.issues)})`,
          bodyText,
          secrets,
          retryable: false,
          cause: result.error,
        });
      }
      return { value: result.data, status: response.statusCode, headers: responseHeaders };
    },

    async stream(request: StreamRequest): Promise<ContentResult> {
      let url = resolveRequestUrl(baseURL, provider, request);
      const { headers, secrets } = requestHeaders({ accept: '*/*' }, request.headers);
      const redirected = await followStreamRedirects({
        provider,
        baseOrigin: new URL(baseURL).origin,
        start: url,
        send: (hop) => send('GET', hop, headers, undefined, request.abortSignal),
        redirectFetcher,
        abortSignal: request.abortSignal,
      });
      if ('content' in redirected) return redirected.content;
      const { response } = redirected;
      url = redirected.url;
      if (response.statusCode < 200 || response.statusCode >= 300 || isRedirect(response.statusCode)) {
        throw await failure(response, url, secrets);
      }
      const responseHeaders = toHeaders(response.headers);
      const shownUrl = sanitizeUrl(url.href);
      return {
        body: toWebStream(response.body, {
          mapError: (error) =>
            request.abortSignal?.aborted
              ? request.abortSignal.reason
              : networkFailure({ provider, method: 'GET', url: shownUrl, error }),
        }),
        contentType: responseHeaders.get('content-type') ?? 'application/octet-stream',
        contentLength: contentLengthOf(responseHeaders),
      };
    },

    async close() {
      await Promise.all([dispatchers.close(), defaultRedirectFetcher?.close()]);
    },
  };
}

function describeIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): string {
  const shown = issues
    .slice(0, 5)
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`,
    );
  return issues.length > 5 ? `${shown.join('; ')}; and ${issues.length - 5} more` : shown.join('; ');
}
