import type { Readable } from 'node:stream';
import { discardBody } from './send-request';

/**
 * A Node body stream as the web `ReadableStream` a `ContentResult` carries. Counts bytes as they pass and
 * fails the stream with `tooLarge()` once `maxBytes` is exceeded; transport errors pass through `mapError`.
 * Cancelling the web stream destroys the socket stream.
 */
export function toWebStream(
  source: Readable,
  options: {
    maxBytes?: number | undefined;
    tooLarge?: () => Error;
    mapError?: (error: unknown) => unknown;
  } = {},
): ReadableStream<Uint8Array> {
  const iterator: AsyncIterator<unknown> = source[Symbol.asyncIterator]();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        const chunk = toBytes(next.value);
        received += chunk.byteLength;
        if (options.maxBytes !== undefined && received > options.maxBytes) {
          discardBody(source);
          controller.error(options.tooLarge ? options.tooLarge() : new Error('content too large'));
          return;
        }
        controller.enqueue(chunk);
      } catch (error) {
        controller.error(options.mapError ? options.mapError(error) : error);
      }
    },
    cancel() {
      discardBody(source);
    },
  });
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  throw new TypeError('Response body produced a chunk that is not bytes.');
}
