import { InvalidRequestError } from '@reelay/core';
import { UnsafeUrlError, UrlFetchError } from '@reelay/provider-utils';
import type { EngineContext } from '../engine-context';

/**
 * Refuses a `webhook_url` the gateway would not post to: https only (http just for trusted origins, such as
 * an allow-listed private receiver), and no private, loopback, link-local or metadata address unless trusted.
 * The address is checked again when each delivery connects.
 */
export async function checkWebhookUrl(ctx: EngineContext, url: string | undefined): Promise<void> {
  if (url === undefined) return;
  const parsed = new URL(url);
  const trusted = ctx.settings.trustedOrigins.some((origin) => new URL(origin).origin === parsed.origin);
  if (parsed.protocol !== 'https:' && !trusted) {
    throw new InvalidRequestError({
      param: 'webhook_url',
      code: 'invalid_webhook_url',
      message: `webhook_url must be an https URL; plain http is allowed only for origins the gateway trusts (got ${parsed.origin}).`,
    });
  }
  try {
    await ctx.safeFetcher.assertSafe(url);
  } catch (error) {
    if (UnsafeUrlError.isInstance(error)) {
      throw new InvalidRequestError({
        param: 'webhook_url',
        code: 'unsafe_url',
        message: `webhook_url ${error.url} is refused: ${reasonOf(error)}. Use a public https URL, or ask the operator to allow this origin.`,
      });
    }
    // A name that does not resolve now may later (DNS hiccup); one that does not exist is a typo.
    if (UrlFetchError.isInstance(error) && !error.isRetryable) {
      throw new InvalidRequestError({
        param: 'webhook_url',
        code: 'invalid_webhook_url',
        message: `webhook_url: ${parsed.hostname} was not found in DNS. Check the host name.`,
      });
    }
    if (!UrlFetchError.isInstance(error)) throw error;
  }
}

/** The safe fetcher's reason, without its "Refused to fetch <url>:" prefix and its advice for downloads. */
function reasonOf(error: UnsafeUrlError): string {
  const prefix = `Refused to fetch ${error.url}: `;
  const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return reason
    .replace('Use a public URL, or add the origin to the trusted origins.', '')
    .trim()
    .replace(/\.$/, '');
}
