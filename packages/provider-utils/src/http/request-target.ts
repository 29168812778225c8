import { UpstreamError } from '@reelay/core';
import { sanitizeUrl } from '../upstream-errors/redact';
import { withoutTrailingSlash } from '../util/without-trailing-slash';

/**
 * The URL of one call: `path` appended to `baseURL`, or an absolute `url` that must share `baseURL`'s origin
 * (credentials never leave their origin; a provider answer pointing elsewhere is refused), plus `query`.
 */
export function resolveRequestUrl(
  baseURL: string,
  provider: string,
  request: {
    path?: string | undefined;
    url?: string | undefined;
    query?: Record<string, string> | undefined;
  },
): URL {
  const base = new URL(baseURL);
  let url: URL;
  if (request.url !== undefined) {
    url = parseAbsolute(request.url, provider);
    if (url.origin !== base.origin) {
      throw new UpstreamError({
        provider,
        message:
          `refused to send credentials to ${sanitizeUrl(request.url)}: only ${base.origin} receives them. ` +
          'Fetch URLs on other origins with the safe fetcher, without credentials.',
        statusCode: undefined,
        providerCode: 'untrusted_origin',
        isRetryable: false,
        nothingCreated: true,
      });
    }
  } else if (request.path !== undefined) {
    const path = request.path.startsWith('/') ? request.path : `/${request.path}`;
    url = new URL(`${withoutTrailingSlash(baseURL)}${path}`);
  } else {
    url = base;
  }
  for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
  return url;
}

function parseAbsolute(url: string, provider: string): URL {
  try {
    return new URL(url);
  } catch (cause) {
    throw new UpstreamError({
      provider,
      message: `the URL '${sanitizeUrl(url)}' is not an absolute URL.`,
      statusCode: undefined,
      providerCode: 'invalid_url',
      isRetryable: false,
      nothingCreated: true,
      cause,
    });
  }
}
