import { type JsonObject, REDACTED } from '@reelay/core';
import type { StoredRequest } from '../store';
import type { SecretBox } from './secret-box';

/** What the engine needs to keep a request's credentials out of rows, answers and errors. */
export type RequestSecrets = { box: SecretBox; names: ReadonlySet<string> };

/**
 * The request as a job that still has to be submitted stores it: the secret parameters leave `extra` and are
 * kept encrypted in `sealed`. Without secrets the request is returned as is.
 */
export function sealRequest(secrets: RequestSecrets, request: StoredRequest): StoredRequest {
  const { open, hidden } = splitExtra(secrets, request.extra);
  if (Object.keys(hidden).length === 0) return request;
  return { ...request, extra: open, sealed: secrets.box.seal(hidden) };
}

/** The request with no trace of its secrets: what a job keeps once its submit is acknowledged. */
export function publicRequest(secrets: RequestSecrets, request: StoredRequest): StoredRequest {
  const { sealed: _sealed, ...rest } = request;
  return { ...rest, extra: splitExtra(secrets, request.extra).open };
}

/** The full request for routing and submitting again; throws `SecretBoxError` when the key changed. */
export function unsealRequest(secrets: RequestSecrets, request: StoredRequest): StoredRequest {
  if (request.sealed === undefined) return request;
  const { sealed, ...rest } = request;
  return { ...rest, extra: { ...request.extra, ...(secrets.box.open(sealed) as JsonObject) } };
}

/** The values of the secret parameters in `extra`, to blank out of any text that might echo them. */
export function secretValuesIn(names: ReadonlySet<string>, extra: JsonObject): string[] {
  return Object.entries(extra)
    .filter(([name]) => names.has(name))
    .map(([, value]) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .filter((value) => value.length >= 4);
}

/** `text` with every occurrence of each value replaced by `[redacted]`. */
export function redact(text: string, values: readonly string[]): string {
  return values.reduce((result, value) => result.split(value).join(REDACTED), text);
}

function splitExtra(secrets: RequestSecrets, extra: JsonObject) {
  const open: JsonObject = {};
  const hidden: JsonObject = {};
  for (const [name, value] of Object.entries(extra)) {
    if (secrets.names.has(name)) hidden[name] = value;
    else open[name] = value;
  }
  return { open, hidden };
}
