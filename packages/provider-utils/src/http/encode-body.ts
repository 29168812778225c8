/**
 * A request body as bytes or text plus its content type. `FormData` is encoded as multipart by the runtime's
 * own `Response`, because npm undici cannot serialise the global `FormData` class of Node's bundled undici.
 */
export async function encodeBody(
  body: unknown,
): Promise<{ body: string | Buffer | undefined; contentType: string | undefined }> {
  if (body === undefined) return { body: undefined, contentType: undefined };
  // OAuth token endpoints take form-encoded bodies.
  if (body instanceof URLSearchParams)
    return { body: body.toString(), contentType: 'application/x-www-form-urlencoded' };
  if (isFormDataLike(body)) {
    const encoded = new Response(body instanceof FormData ? body : copyToGlobalFormData(body));
    return {
      body: Buffer.from(await encoded.arrayBuffer()),
      contentType: encoded.headers.get('content-type') ?? undefined,
    };
  }
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

type FormDataLike = { [Symbol.toStringTag]: string; entries(): IterableIterator<[string, unknown]> };

/** `FormData` from any copy of undici (the global one, or `import { FormData } from 'undici'`). */
function isFormDataLike(value: unknown): value is FormDataLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'FormData' &&
    typeof (value as { entries?: unknown }).entries === 'function'
  );
}

function copyToGlobalFormData(source: FormDataLike): FormData {
  const copy = new FormData();
  for (const [name, value] of source.entries()) {
    if (value instanceof Blob) copy.append(name, value, value instanceof File ? value.name : undefined);
    else copy.append(name, String(value));
  }
  return copy;
}
