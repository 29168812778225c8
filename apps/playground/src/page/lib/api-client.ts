import type { DryRunResult, VideoList, VideoObject } from '@reelay/core';
import { parseDryRun, parseModelList, parseVideo, parseVideoList } from './parse';
import type { ModelCard, VideoRequestBody } from './wire-types';

/** An error answer from the gateway, in OpenAI's `{ error: { message, type, param, code } }` shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly param: string | undefined;

  constructor(status: number, message: string, code?: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

export type ApiClientOptions = {
  /** Gateway origin; `''` means the page's own origin. */
  baseUrl?: string;
  /** The user's gateway key, if any (read on every call, so a new key applies at once). */
  getKey: () => string | undefined;
  /** Sees every response, e.g. to notice `x-reelay-sandbox: true`. */
  onResponse?: (response: Response) => void;
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
};

export type ContentVariant = 'video' | 'thumbnail';

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: ApiClientOptions) {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((url: string, init?: RequestInit) => fetch(url, init));

  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const key = options.getKey();
    return key ? { ...extra, authorization: `Bearer ${key}` } : extra;
  };

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await doFetch(`${base}${path}`, {
      ...init,
      headers: headers((init.headers as Record<string, string> | undefined) ?? {}),
    });
    options.onResponse?.(response);
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  const json = async (path: string, init?: RequestInit): Promise<unknown> => (await send(path, init)).json();
  const post = (body: VideoRequestBody, signal?: AbortSignal): RequestInit => ({
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    ...(signal ? { signal } : {}),
  });

  return {
    /** Path of an output, for `src` attributes when no key is needed. */
    contentPath(id: string, variant: ContentVariant = 'video'): string {
      const query = variant === 'video' ? '' : `?variant=${variant}`;
      return `${base}/v1/videos/${encodeURIComponent(id)}/content${query}`;
    },
    hasKey(): boolean {
      return Boolean(options.getKey());
    },
    async listModels(signal?: AbortSignal): Promise<ModelCard[]> {
      return parseModelList(await json('/v1/models', signal ? { signal } : {}));
    },
    async dryRun(body: VideoRequestBody, signal?: AbortSignal): Promise<DryRunResult> {
      return parseDryRun(await json('/v1/videos?dry_run=true', post(body, signal)));
    },
    async createVideo(body: VideoRequestBody): Promise<VideoObject> {
      return parseVideo(await json('/v1/videos', post(body)));
    },
    async getVideo(id: string, signal?: AbortSignal): Promise<VideoObject> {
      return parseVideo(await json(`/v1/videos/${encodeURIComponent(id)}`, signal ? { signal } : {}));
    },
    async listVideos(limit = 20): Promise<VideoList> {
      return parseVideoList(await json(`/v1/videos?limit=${limit}&order=desc`));
    },
    async deleteVideo(id: string): Promise<void> {
      await send(`/v1/videos/${encodeURIComponent(id)}`, { method: 'DELETE' });
    },
    /** The bytes of an output with the key attached, for `<video>` and `<img>` when the gateway has keys. */
    async contentBlob(id: string, variant: ContentVariant = 'video'): Promise<Blob> {
      const response = await send(
        `/v1/videos/${encodeURIComponent(id)}/content${variant === 'video' ? '' : `?variant=${variant}`}`,
      );
      return response.blob();
    },
  };
}

async function toApiError(response: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'error' in body) {
      const error = (body as { error: { message?: unknown; code?: unknown; param?: unknown } }).error;
      if (typeof error.message === 'string') {
        return new ApiError(
          response.status,
          error.message,
          typeof error.code === 'string' ? error.code : undefined,
          typeof error.param === 'string' ? error.param : undefined,
        );
      }
    }
  } catch {
    // not JSON: fall through to a message built from the status
  }
  const detail = text.trim().slice(0, 200);
  return new ApiError(
    response.status,
    `The gateway answered ${response.status}${detail ? `: ${detail}` : ''}.`,
  );
}

/** Whether a response says it came from sandbox mode. */
export function isSandboxResponse(response: Response): boolean {
  return response.headers.get('x-reelay-sandbox') === 'true';
}
