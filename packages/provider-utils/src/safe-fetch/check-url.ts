import { UnsafeUrlError } from '../errors/unsafe-url-error';
import { sanitizeUrl } from '../upstream-errors/redact';
import { type AddressPolicy, literalAddress } from './address-policy';

/**
 * The checks that need no network: an absolute http(s) URL, no user:password, and — because sockets skip
 * DNS for them — a literal IP host judged by `policy` (`undefined` when the origin is trusted).
 */
export function checkUrl(url: string, policy: AddressPolicy | undefined): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnsafeUrlError({ url: sanitizeUrl(url), reason: 'it is not an absolute URL.' });
  }
  const shown = sanitizeUrl(parsed.href);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UnsafeUrlError({
      url: shown,
      reason: `only http and https URLs can be fetched, not ${parsed.protocol.slice(0, -1)}.`,
    });
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new UnsafeUrlError({
      url: shown,
      reason: 'URLs with credentials (user:password@) are not fetched.',
    });
  }
  const literal = literalAddress(parsed.hostname);
  const reason = literal !== undefined && policy ? policy(literal) : undefined;
  if (reason !== undefined) {
    throw new UnsafeUrlError({
      url: shown,
      reason: `${reason}. Use a public URL, or add the origin to the trusted origins.`,
    });
  }
  return parsed;
}
