import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ContentResult } from '@reelay/core';
import { outputTooLarge } from './output-store';

/**
 * The content body as a Node stream that fails once more than `limit` bytes went through, so a store never
 * keeps (or uploads) more than the limit. `size()` is the count so far; `refused` is set when the limit fired,
 * so the caller can report that rather than whatever the store's cleanup threw after it.
 */
export function limitedBody(content: ContentResult, variant: string, limit: number) {
  const state = { size: 0, refused: undefined as Error | undefined };
  if (content.contentLength !== undefined && content.contentLength > limit) {
    state.refused = outputTooLarge(variant, limit);
    void content.body.cancel().catch(() => undefined);
  }
  const source = Readable.fromWeb(content.body as WebReadableStream<Uint8Array>);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (state.refused) throw state.refused;
    // Leaving this loop early (an error downstream) destroys the source, which releases the upstream download.
    for await (const chunk of source as AsyncIterable<Buffer>) {
      state.size += chunk.length;
      if (state.size > limit) {
        state.refused = outputTooLarge(variant, limit);
        throw state.refused;
      }
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), state };
}
