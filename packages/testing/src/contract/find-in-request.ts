import type { RecordedRequest } from '../simulators/shared';

/** Whether `value` appears anywhere in a recorded request body (JSON, nested, or a multipart field). */
export function requestContains(
  request: RecordedRequest,
  predicate: (key: string, value: unknown) => boolean,
): boolean {
  if (request.form) {
    for (const [key, value] of Object.entries(request.form)) if (predicate(key, value)) return true;
  }
  return deepSome(request.json, predicate);
}

function deepSome(node: unknown, predicate: (key: string, value: unknown) => boolean): boolean {
  if (Array.isArray(node)) return node.some((item) => deepSome(item, predicate));
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => predicate(key, value) || deepSome(value, predicate));
}

/** The request that created the job for `prompt`. */
export function findSubmit(requests: RecordedRequest[], prompt: string): RecordedRequest | undefined {
  return requests.find(
    (request) => request.method === 'POST' && requestContains(request, (_, value) => value === prompt),
  );
}

/** Header values that carry credentials in any of the providers' schemes. */
export function credentialOf(request: RecordedRequest): string | undefined {
  return (
    request.headers['authorization'] ?? request.headers['x-api-key'] ?? request.headers['x-goog-api-key']
  );
}
