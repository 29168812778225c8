const REDACTED = '[REDACTED]';

const authSchemePattern = /\b(Bearer|Key|Token|Basic)\s+[A-Za-z0-9._~+/:=-]{8,}/gi;
const secretQueryPattern =
  /([?&](?:api[_-]?key|key|token|access[_-]?token|secret|signature|sig|password|auth)=)[^&#\s"']+/gi;
const userinfoPattern = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@"']+(?::[^/\s@"']*)?@/gi;

/**
 * Removes credentials from text that may end up in an error, a log or a recording: the exact values given
 * (and their token part after `Bearer ` / `Key `), auth-scheme tokens, secret-looking query parameters and
 * user:password in URLs.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secretVariants(secrets)) result = result.split(secret).join(REDACTED);
  return result
    .replace(authSchemePattern, `$1 ${REDACTED}`)
    .replace(secretQueryPattern, `$1${REDACTED}`)
    .replace(userinfoPattern, `$1${REDACTED}@`);
}

/** A URL as safe to show: origin and path only, no user:password, query string or fragment. */
export function sanitizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return redactSecrets(url.split(/[?#]/, 1)[0] ?? '');
  }
}

/** Header names whose values are credentials. */
export function isCredentialHeader(name: string): boolean {
  return /^(authorization|proxy-authorization|cookie)$|key|token|secret|auth/i.test(name);
}

/** The credential values among request headers, for `redactSecrets`. */
export function credentialValues(headers: Record<string, string>): string[] {
  return Object.entries(headers)
    .filter(([name]) => isCredentialHeader(name))
    .map(([, value]) => value);
}

function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    const trimmed = secret.trim();
    // Very short values (a `1` flag header) would redact unrelated text and protect nothing.
    if (trimmed.length >= 6) variants.add(trimmed);
    const token = trimmed.replace(/^\S+\s+/, '');
    if (token !== trimmed && token.length >= 6) variants.add(token);
  }
  // Longest first, so a full `Bearer sk-…` goes before its `sk-…` part.
  return [...variants].sort((a, b) => b.length - a.length);
}
