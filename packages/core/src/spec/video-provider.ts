import type { Dimensions, ResolutionTier, VideoMode } from './capabilities';
import type { FindSubmissionQuery, FindSubmissionResult } from './find-submission';
import type { JsonObject } from './json-value';
import type { VideoOffering } from './offering';
import type { ContentResult, PollResult, SubmitResult, VideoOperation, VideoOutputFile } from './operation';

/** An input file (an image or a video) in the form the gateway resolved it to for this provider. */
export type MediaInput =
  | { kind: 'url'; url: string }
  | { kind: 'data-uri'; uri: string }
  | { kind: 'upload'; data: Uint8Array; mediaType: string; filename: string };

/** An input image (first frame, last frame or reference). */
export type ImageInput = MediaInput;

/** The source video of an `extend-video` or `edit-video` job, with what the gateway measured of it. */
export type VideoInput = MediaInput & {
  /** Its length in seconds, where the gateway could read it. */
  seconds: number | undefined;
};

/** A request already matched to one offering: every value is one the provider accepts. */
export type SubmitRequest = {
  offering: VideoOffering;
  mode: VideoMode;
  /** The provider's model or endpoint id for this mode. */
  upstreamModel: string;
  prompt: string;
  /**
   * Upstream body fields decided by matching (size, duration, audio, …) plus passed-through parameters.
   * The adapter adds `prompt`, the image and any field of its own, and sends the rest as is.
   */
  body: JsonObject;
  /** The first frame (`image-to-video`). */
  image: ImageInput | undefined;
  /** The last frame, when the request asks for first-and-last-frame generation. */
  lastFrame: ImageInput | undefined;
  /** Reference images, in the order given; empty when none. */
  referenceImages: ImageInput[];
  /** The source video (`extend-video`, `edit-video`). */
  video: VideoInput | undefined;
  /** Canonical values, for adapters that need them (logging, derived fields). */
  dimensions: Dimensions;
  tier: ResolutionTier;
  seconds: number;
  /**
   * Reelay's id for this job. Adapters send it where the provider keeps and echoes a client reference (an
   * external task id, metadata), so `findSubmission` can look the job up by it. `undefined` outside the engine.
   */
  reference: string | undefined;
  /**
   * Call (and await) right before sending the request that creates the upstream job, after any preparatory
   * call (an upload, a token). The engine records there that the submit is on the wire: a crash before it
   * leaves a job that is simply submitted again; a failure thrown before it proves nothing was created. It
   * throws when the job must not be sent any more (deleted meanwhile); let that error propagate. Only
   * providers that declare `callsBeforeCreate` are trusted to call it.
   */
  beforeCreate: () => Promise<void>;
};

export type CallOptions = {
  abortSignal?: AbortSignal;
};

export type ContentRequest = {
  operation: VideoOperation;
  outputs: VideoOutputFile[];
  variant: VideoOutputFile['variant'];
};

/** A webhook delivery turned into the job it is about and, when it carries one, its new state. */
export type WebhookEvent = { upstreamId: string; result: PollResult | undefined };

export type WebhookRequest = { headers: Headers; rawBody: Uint8Array };

/**
 * A provider plugin. Adapters only translate: polling loops, retries, fallback, idempotency, downloads,
 * storage and pricing belong to the engine. Outputs at plain URLs are downloaded by the engine (through the
 * operator-configured URL guard, see `fetchOutput`); an adapter implements `content` only where the bytes sit
 * behind the provider's credential.
 */
export interface VideoProvider {
  readonly specificationVersion: 'v1';
  /** Stable id used in `provider/model` names and config (`fal`). */
  readonly id: string;
  /** Display name (`fal.ai`). */
  readonly name: string;
  /** The origin credentials may be sent to; URLs from responses on this origin are trusted. */
  readonly baseURL: string;
  readonly offerings: readonly VideoOffering[];
  /**
   * `true` when `submit` calls `request.beforeCreate()` right before the create request. Otherwise the engine
   * records the submit as started before calling `submit`, so a crash during the adapter's own preparation
   * leaves a job whose fate must be looked up instead of one that is simply sent again.
   */
  readonly callsBeforeCreate?: boolean;

  submit(request: SubmitRequest, options?: CallOptions): Promise<SubmitResult>;
  poll(operation: VideoOperation, options?: CallOptions): Promise<PollResult>;
  /** Asks the provider to stop. Resolves when the request was accepted, not when the job ended. */
  cancel?(operation: VideoOperation, options?: CallOptions): Promise<void>;
  /**
   * Bytes of one output variant, only where they sit behind the provider's credential (an authenticated
   * download endpoint, inline bytes in the operation). Omit it when outputs are plain URLs: the engine
   * downloads those itself, so the operator's URL policy (trusted and private origins) applies.
   */
  content?(request: ContentRequest, options?: CallOptions): Promise<ContentResult>;
  /** A new job from a finished one with a new prompt, at the same provider. */
  remix?(operation: VideoOperation, prompt: string, options?: CallOptions): Promise<SubmitResult>;
  /** Removes the job's assets upstream, where the provider keeps any. */
  delete?(operation: VideoOperation, options?: CallOptions): Promise<void>;
  /** Verifies and decodes a webhook delivery; returns `undefined` for events that carry nothing to act on. */
  parseWebhook?(request: WebhookRequest): Promise<WebhookEvent | undefined>;
  /**
   * Looks up, after a crash lost a submit's answer, whether `request` reached the provider in the query's
   * window. Answer `found` or `none` only when the provider's own records prove it (a complete listing or a
   * lookup by the reference); anything less is `unknown`. Never create or change anything upstream here.
   * Leave it out when the provider cannot be asked: interrupted submits then fail with `submit_interrupted`.
   */
  findSubmission?(
    request: SubmitRequest,
    query: FindSubmissionQuery,
    options?: CallOptions,
  ): Promise<FindSubmissionResult>;
}
