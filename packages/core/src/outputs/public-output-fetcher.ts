import { isRetryableStatus, UpstreamError } from '../errors/upstream-error';
import type { ContentResult } from '../spec/operation';
import type { OutputFetcher } from './fetch-output';

/**
 * `generateVideo`'s default way to download outputs: the platform `fetch`, https only (plain http only from
 * `trustedOrigins`, a loopback simulator), without credentials. It has no address guard: library callers trust
 * the provider they hold a key for. Pass `createSafeFetcher()` from `@reelay/provider-utils` instead to refuse
 * private and link-local addresses, as the gateway does.
 */
export function publicOutputFetcher(options: { provider: string; trustedOrigins: string[] }): OutputFetcher {
  const trusted = new Set(options.trustedOrigins.map((origin) => new URL(origin).origin));
  return {
    async fetch(url, fetchOptions = {}): Promise<ContentResult> {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && trusted.has(parsed.origin))) {
        throw new UpstreamError({
          provider: options.provider,
          message: `an output URL must use https (got ${parsed.protocol.replace(':', '')}); it was not downloaded.`,
          statusCode: undefined,
          providerCode: 'unsafe_output_url',
          isRetryable: false,
          nothingCreated: false,
        });
      }
      const response = await fetch(parsed, {
        redirect: 'follow',
        ...(fetchOptions.abortSignal ? { signal: fetchOptions.abortSignal } : {}),
      });
      if (!response.ok || response.body === null) {
        await response.body?.cancel().catch(() => undefined);
        throw new UpstreamError({
          provider: options.provider,
          message: `the output download answered HTTP ${response.status}.`,
          statusCode: response.status,
          isRetryable: isRetryableStatus(response.status),
          nothingCreated: false,
          url: `${parsed.origin}${parsed.pathname}`,
        });
      }
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      return {
        body: response.body,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
        contentLength: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
      };
    },
  };
}
