import type { JsonObject } from './json-value';
import type { VideoWarning } from './warning';

/**
 * The adapter's reference to an upstream job. It is stored in the job store as JSON and handed back to
 * `poll`, `cancel` and `content` later (possibly in another process), so adapters must parse it with a schema.
 */
export type VideoOperation = JsonObject;

export type SubmitResult = {
  operation: VideoOperation;
  /** The provider's job id, for logs and support tickets. */
  upstreamId: string;
  warnings: VideoWarning[];
};

/**
 * A finished output as the provider describes it. For a provider without `content()`, `url` is where the
 * engine downloads the bytes, without credentials and through the operator's URL guard. For one with
 * `content()`, it is whatever that hook needs (a `gs://` location), or absent.
 */
export type VideoOutputFile = {
  variant: 'video' | 'thumbnail' | 'spritesheet';
  url: string | undefined;
  contentType: string | undefined;
};

export type PollResult =
  | {
      status: 'queued' | 'in_progress';
      /** 0–100 where the provider reports it. */
      progress: number | undefined;
    }
  | {
      status: 'succeeded';
      outputs: VideoOutputFile[];
      /** The duration the provider reports it made, when it says; pricing falls back to the request. */
      seconds: number | undefined;
      /**
       * What the provider says it billed for the job, in millionths of a USD, when its answer says so. The
       * engine records it as the job's final cost instead of the catalog's price.
       */
      costMicros?: number | undefined;
    }
  | {
      status: 'failed';
      error: { code: string; message: string };
      /** True when the job ended because it was cancelled (by us, by a deadline, or upstream). */
      canceled: boolean;
    };

export type ContentResult = {
  body: ReadableStream<Uint8Array>;
  contentType: string;
  contentLength: number | undefined;
};
