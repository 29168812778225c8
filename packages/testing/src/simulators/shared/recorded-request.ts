import type { FaultKind } from './fault';

/** One request a simulator received, kept for assertions. */
export type RecordedRequest = {
  method: string;
  /** Path without query string, e.g. `/v1/videos`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  contentType: string | undefined;
  rawBody: Buffer;
  /** The body parsed as JSON when it is JSON, else `undefined`. */
  json: unknown;
  /** Multipart fields (text parts as strings, file parts as `{ filename, contentType, size }`). */
  form: Record<string, string | { filename: string; contentType: string; size: number }> | undefined;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
  /**
   * Whether the simulator acted on the request (a create made a job), whatever the client then received;
   * `false` while a `delay` runs and when a fault answered in its place. Count submissions with it.
   */
  handled?: boolean;
};
