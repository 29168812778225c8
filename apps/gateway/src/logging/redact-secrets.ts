/** Field names whose values never reach a log line. */
const secretNames = new Set(['authorization', 'api_key', 'openai_api_key', 'apiKey']);

const CENSOR = '[redacted]';

/**
 * Belt and braces: no line should carry these, but if a field of that name ever slips into one, at the top level
 * or one level down (`headers.authorization`), its value is replaced before the line is written. The line object
 * is copied only when it holds one, so the common line costs a scan of its own keys and nothing more (pino's
 * generic `redact` paths cost about 4 % of a retrieve in the gateway's profile).
 */
export function redactSecrets(line: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in line) {
    const value = line[key];
    if (secretNames.has(key)) {
      copy ??= { ...line };
      copy[key] = CENSOR;
    } else if (typeof value === 'object' && value !== null && holdsSecret(value)) {
      copy ??= { ...line };
      copy[key] = censored(value);
    }
  }
  return copy ?? line;
}

function holdsSecret(value: object): boolean {
  for (const key in value) if (secretNames.has(key)) return true;
  return false;
}

function censored(value: object): object {
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...value };
  for (const key in copy) if (secretNames.has(key)) copy[key] = CENSOR;
  return copy;
}
