import { InvalidRequestError } from '../errors/invalid-request-error';
import type { ContentResult, VideoOperation, VideoOutputFile } from '../spec/operation';
import type { VideoProvider } from '../spec/video-provider';

/**
 * Downloads a provider's output URL without credentials. The engine passes its operator-configured safe
 * fetcher (private addresses refused unless allowed); `createSafeFetcher()` from `@reelay/provider-utils` is
 * one, and fits here as is.
 */
export type OutputFetcher = {
  fetch(url: string, options?: { abortSignal?: AbortSignal }): Promise<ContentResult>;
};

export type FetchOutputOptions = {
  provider: VideoProvider;
  operation: VideoOperation;
  /** The outputs of the job's latest `succeeded` poll result (URLs can expire: use the freshest). */
  outputs: VideoOutputFile[];
  variant: VideoOutputFile['variant'];
  fetcher: OutputFetcher;
  abortSignal?: AbortSignal | undefined;
};

/**
 * The bytes of one output variant, the one way they are fetched everywhere: through the plugin's `content()`
 * where it has one (the bytes sit behind its credential), otherwise by downloading the output's URL with the
 * caller's fetcher, so the URL policy is the caller's and not the plugin's.
 */
export function fetchOutput(options: FetchOutputOptions): Promise<ContentResult> {
  const { provider, operation, outputs, variant, abortSignal } = options;
  const callOptions = abortSignal ? { abortSignal } : {};
  if (provider.content) return provider.content({ operation, outputs, variant }, callOptions);
  const url = outputs.find((output) => output.variant === variant && output.url !== undefined)?.url;
  if (url === undefined) {
    const available = outputs.filter((output) => output.url !== undefined).map((output) => output.variant);
    return Promise.reject(
      new InvalidRequestError({
        param: 'variant',
        code: 'variant_not_available',
        message:
          `${provider.name} gave no '${variant}' output for this job. ` +
          `Available: ${available.join(', ') || 'none'}; ask for one of those.`,
      }),
    );
  }
  return options.fetcher.fetch(url, callOptions);
}
