/**
 * Bytes `skip` to `skip + take` of a stream, for a ranged read answered with more than was asked: some
 * S3-compatible servers widen a range (s3rver answers `bytes=0-0` with the whole object), and a Range answer
 * that carries the wrong bytes is worse than one read a little longer.
 */
export function sliceStream(
  stream: ReadableStream<Uint8Array>,
  skip: number,
  take: number,
): ReadableStream<Uint8Array> {
  let position = 0;
  const end = skip + take;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const from = Math.max(skip - position, 0);
        const to = Math.min(end - position, chunk.byteLength);
        position += chunk.byteLength;
        if (to > from) controller.enqueue(chunk.subarray(from, to));
        // Enough: stop reading (cancels the source, so the connection is not drained for nothing).
        if (position >= end) controller.terminate();
      },
    }),
  );
}

/** The span a `Content-Range: bytes a-b/n` header says an answer carries; `undefined` when it says none. */
export function contentRangeSpan(header: string | undefined): { start: number; end: number } | undefined {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(header?.trim() ?? '');
  return match ? { start: Number(match[1]), end: Number(match[2]) } : undefined;
}
