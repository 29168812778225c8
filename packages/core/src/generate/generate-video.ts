import { classifyUpstreamFailure } from '../errors/classify-upstream-failure';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { listSome } from '../errors/no-such-model-error';
import { hasMarker, markerOf, ReelayError } from '../errors/reelay-error';
import { type MatchInput, matchRequest, type NormalizedRequest } from '../matching/match-request';
import { toSubmitRequest } from '../matching/to-submit-request';
import { fetchOutput, type OutputFetcher } from '../outputs/fetch-output';
import { publicOutputFetcher } from '../outputs/public-output-fetcher';
import type { JsonValue } from '../spec/json-value';
import type { ContentResult, PollResult, VideoOperation, VideoOutputFile } from '../spec/operation';
import type { ImageInput, VideoProvider } from '../spec/video-provider';
import type { VideoWarning } from '../spec/warning';
import { type BackoffOptions, backoffDelay, defaultPollBackoff, sleep } from './backoff';

export type GenerateVideoOptions = {
  provider: VideoProvider;
  /** Catalog model id as this provider serves it (`sora-2-pro`, `veo-3.1`). */
  model: string;
  prompt: string;
  seconds?: number;
  size?: string;
  aspectRatio?: string;
  resolution?: string;
  audio?: boolean;
  image?: ImageInput;
  strict?: boolean;
  /** Provider-specific parameters, passed through. */
  providerOptions?: Record<string, JsonValue>;
  abortSignal?: AbortSignal;
  /** Give up (and cancel upstream) after this many ms. Default 30 minutes. */
  timeoutMs?: number;
  pollBackoff?: Partial<BackoffOptions>;
  /**
   * Downloads outputs the provider serves at plain URLs. Default: the platform `fetch`, https only, no address
   * guard; pass `createSafeFetcher({ trustedOrigins: [] })` from `@reelay/provider-utils` to refuse private
   * addresses as the gateway does.
   */
  fetcher?: OutputFetcher;
  onProgress?: (update: { status: 'queued' | 'in_progress'; progress: number | undefined }) => void;
};

export type GenerateVideoResult = {
  outputs: VideoOutputFile[];
  seconds: number;
  normalized: NormalizedRequest;
  warnings: VideoWarning[];
  operation: VideoOperation;
  /**
   * Streams one output variant's bytes (through the plugin's `content()`, or downloaded from its URL). An
   * expired URL is signed again by one fresh poll.
   */
  content(variant?: VideoOutputFile['variant']): Promise<ContentResult>;
};

const videoGenerationMarker = markerOf('VideoGenerationError');

/** The provider failed the job, or it did not finish in time. */
export class VideoGenerationError extends ReelayError {
  readonly [videoGenerationMarker] = true;

  constructor(message: string, code: string, cause?: unknown) {
    super({ message, type: 'video_generation_error', status: 502, code, cause });
    this.name = 'VideoGenerationError';
  }

  static override isInstance(error: unknown): error is VideoGenerationError {
    return hasMarker(error, 'VideoGenerationError');
  }
}

/**
 * Library use without a gateway: match, submit, poll with backoff and jitter until done.
 *
 * @example
 * const { content } = await generateVideo({ provider: createFal(), model: 'veo-3.1', prompt: 'a fox', seconds: 8 });
 * const { body } = await content();
 */
export async function generateVideo(options: GenerateVideoOptions): Promise<GenerateVideoResult> {
  const { provider } = options;
  const offering = provider.offerings.find((candidate) => candidate.model === options.model);
  if (!offering) {
    throw new InvalidRequestError({
      param: 'model',
      code: 'model_not_found',
      message: `${provider.name} does not serve '${options.model}'. It serves: ${listSome(provider.offerings.map((o) => o.model))}.`,
    });
  }
  const input: MatchInput = {
    seconds: options.seconds,
    size: options.size,
    aspectRatio: options.aspectRatio,
    resolution: options.resolution,
    audio: options.audio,
    hasImage: options.image !== undefined,
    strict: options.strict,
    extra: options.providerOptions ?? {},
  };
  const normalized = matchRequest(offering, input);

  const deadline = AbortSignal.timeout(options.timeoutMs ?? 30 * 60_000);
  const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, deadline]) : deadline;
  const submitted = await provider.submit(
    toSubmitRequest({ offering, normalized, prompt: options.prompt, image: options.image }),
    { abortSignal: signal },
  );
  const backoff = { ...defaultPollBackoff, ...options.pollBackoff };
  const { operation } = submitted;

  try {
    for (let attempt = 0; ; attempt++) {
      const result = await pollOnce(provider, operation, signal);
      if (result.status === 'transient_failure') {
        // No answer, 429 or 5xx: poll again after the usual wait, or as long as the provider asked.
        await sleep(Math.max(backoffDelay(attempt, backoff), result.retryAfterMs), signal);
        continue;
      }
      if (result.status === 'succeeded') {
        const fetcher =
          options.fetcher ??
          publicOutputFetcher({ provider: provider.id, trustedOrigins: [provider.baseURL] });
        let outputs = result.outputs;
        const open = (variant: VideoOutputFile['variant']) =>
          fetchOutput({ provider, operation, outputs, variant, fetcher });
        return {
          outputs: result.outputs,
          seconds: result.seconds ?? normalized.seconds,
          normalized,
          warnings: [...normalized.warnings, ...submitted.warnings],
          operation,
          async content(variant = 'video') {
            try {
              return await open(variant);
            } catch (error) {
              if (provider.content) throw error;
              // Output URLs can be signed and expire (hours to days later): a fresh poll signs them again.
              const fresh = await provider.poll(operation).catch(() => undefined);
              if (fresh?.status !== 'succeeded') throw error;
              outputs = fresh.outputs;
              return open(variant);
            }
          },
        };
      }
      if (result.status === 'failed') {
        throw new VideoGenerationError(
          `${provider.name} failed the job: ${result.error.message}`,
          result.error.code,
        );
      }
      options.onProgress?.({ status: result.status, progress: result.progress });
      await sleep(backoffDelay(attempt, backoff), signal);
    }
  } catch (error) {
    if (signal.aborted && provider.cancel) {
      // Stop the render upstream too, so an abandoned job doesn't keep billing.
      await provider.cancel(operation).catch(() => undefined);
    }
    if (deadline.aborted && !options.abortSignal?.aborted) {
      throw new VideoGenerationError(
        `The job did not finish within ${options.timeoutMs ?? 1_800_000} ms and was cancelled.`,
        'timeout',
        error,
      );
    }
    throw error;
  }
}

/** One poll; a transient failure is returned to be retried, anything else is thrown. */
async function pollOnce(
  provider: VideoProvider,
  operation: VideoOperation,
  signal: AbortSignal,
): Promise<PollResult | { status: 'transient_failure'; retryAfterMs: number }> {
  try {
    return await provider.poll(operation, { abortSignal: signal });
  } catch (error) {
    if (signal.aborted) throw error;
    const failure = classifyUpstreamFailure(error);
    if (!failure.transient || failure.jobGone) throw error;
    return { status: 'transient_failure', retryAfterMs: failure.retryAfterMs };
  }
}
