import { UpstreamError } from '@reelay/core';
import { UrlFetchError } from '@reelay/provider-utils';

/**
 * Answers in a row that say a finished job's video is gone (404 or 410) before the job is failed. One or two can
 * be a CDN that has not caught up with the provider; more mean the link expired or the file was deleted, and
 * retrying until the job's deadline (an hour by default) would only hide that behind a wrong reason.
 */
export const OUTPUT_GONE_LIMIT = 5;

/** The HTTP status of a failed output download when it says the file is gone (404, 410); else `undefined`. */
export function goneStatus(error: unknown): number | undefined {
  const status =
    UrlFetchError.isInstance(error) || UpstreamError.isInstance(error) ? error.statusCode : undefined;
  return status === 404 || status === 410 ? status : undefined;
}

export function outputGoneMessage(providerName: string, status: number, tries: number): string {
  return (
    `${providerName} reported the video done, but its output answered HTTP ${status} on ${tries} tries in a row, ` +
    'so it could not be kept (provider output links expire). Nothing was charged; create the video again.'
  );
}
