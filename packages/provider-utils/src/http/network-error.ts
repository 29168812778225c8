/** The first `code` on an error or its `cause` chain (undici and node:net put it in either place). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const connectPhaseCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_IP_ADDRESS',
]);

/**
 * Whether a transport error happened before any byte of the request left: DNS, connect, TLS handshake.
 * Resets and timeouts afterwards are ambiguous — the server may have acted on the request.
 */
export function failedBeforeSending(error: unknown): boolean {
  const code = errorCode(error);
  if (code === undefined) return false;
  return connectPhaseCodes.has(code) || /CERT|^ERR_TLS_|^ERR_SSL_/.test(code);
}

/** Errors that mean our own call was malformed, not that the network failed; they are rethrown as is. */
export function isProgrammingError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'UND_ERR_INVALID_ARG' || code === 'UND_ERR_NOT_SUPPORTED' || code === 'ERR_INVALID_URL';
}

/** A short human description of a transport failure, for error messages. */
export function describeNetworkError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_NONAME':
      return 'host not found';
    case 'EAI_AGAIN':
      return 'DNS lookup timed out';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timed out';
    case 'UND_ERR_HEADERS_TIMEOUT':
      return 'no response headers before the headers timeout';
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the response body stalled past the body timeout';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed by the other side';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return code ? `${message} (${code})` : message;
    }
  }
}
