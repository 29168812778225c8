import type { UpstreamError } from '@reelay/core';

/** A non-2xx answer from a provider, as handed to an `UpstreamErrorParser`. */
export type UpstreamErrorResponse = {
  status: number;
  headers: Headers;
  /** The raw body; may be empty, HTML or truncated. Credentials already removed by the HTTP client. */
  bodyText: string;
  provider: string;
  /** The request URL without query string. */
  url: string;
};

/** Turns one provider's error answer into an `UpstreamError`. Never throws, whatever the body holds. */
export type UpstreamErrorParser = (response: UpstreamErrorResponse) => UpstreamError;
