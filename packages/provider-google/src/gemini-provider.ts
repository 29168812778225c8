import {
  InvalidRequestError,
  type JsonObject,
  type VideoInput,
  type VideoOperation,
  type VideoProvider,
} from '@reelay/core';
import {
  createProviderHttpClient,
  createSafeFetcher,
  loadApiKey,
  withoutTrailingSlash,
} from '@reelay/provider-utils';
import { z } from 'zod';
import { geminiOfferings } from './gemini-offerings';
import { geminiOperationToResult } from './gemini-result';
import { parseGoogleError } from './google-error';
import type { GoogleProviderSettings } from './google-settings';
import { veoOperationResponseSchema, veoRequestBody } from './veo-wire';
import { VERSION } from './version';

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

const geminiOperationSchema = z.object({
  operationName: z.string().regex(/^models\/[^/]+\/operations\/[^/]+$/),
});

/**
 * The Gemini API provider for Veo (`x-goog-api-key`). Google reportedly shut Veo down on this API on
 * 2026-10-22; see the README.
 *
 * @example
 * const google = createGoogle(); // reads GEMINI_API_KEY
 */
export function createGoogle(settings: GoogleProviderSettings = {}): VideoProvider {
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? (process.env['GEMINI_BASE_URL']?.trim() || DEFAULT_BASE_URL),
  );
  const http = createProviderHttpClient({
    provider: 'google',
    baseURL,
    headers: () => ({
      'user-agent': `reelay/google provider-google/${VERSION}`,
      ...settings.headers,
      'x-goog-api-key': loadApiKey({
        apiKey: settings.apiKey,
        environmentVariableName: 'GEMINI_API_KEY',
        provider: 'google',
      }),
    }),
    parseError: parseGoogleError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
    // Downloads redirect to a storage host; that hop carries no key.
    redirectFetcher: createSafeFetcher({
      trustedOrigins: (settings.downloadOrigins ?? []).map((origin) => new URL(origin).origin),
      ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
    }),
  });

  async function getOperation(operationName: string, abortSignal: AbortSignal | undefined) {
    const { value } = await http.json({
      method: 'GET',
      path: `/${operationName}`,
      schema: veoOperationResponseSchema,
      ...(abortSignal ? { abortSignal } : {}),
    });
    return value;
  }

  return {
    specificationVersion: 'v1',
    id: 'google',
    name: 'Google Gemini API',
    baseURL,
    offerings: geminiOfferings,
    callsBeforeCreate: true,

    async submit(request, options) {
      const body = veoRequestBody(request, (video) => geminiVideo(video, baseURL));
      await request.beforeCreate();
      const { value } = await http.json({
        method: 'POST',
        path: `/models/${request.upstreamModel}:predictLongRunning`,
        body,
        schema: veoOperationResponseSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      return { operation: { operationName: value.name }, upstreamId: value.name, warnings: [] };
    },

    async poll(operation, options) {
      const { operationName } = parseGeminiOperation(operation);
      return geminiOperationToResult(await getOperation(operationName, options?.abortSignal));
    },

    async content(request, options) {
      const { operationName } = parseGeminiOperation(request.operation);
      if (request.variant !== 'video') {
        throw new InvalidRequestError({
          param: 'variant',
          code: 'variant_not_available',
          message: `Veo makes only the 'video' variant, not '${request.variant}'.`,
        });
      }
      const fetched = await getOperation(operationName, options?.abortSignal);
      const video = fetched.response?.generateVideoResponse?.generatedSamples?.find(
        (sample) => sample.video?.uri || sample.video?.encodedVideo,
      )?.video;
      // The download needs the key in a header and redirects to storage, which is fetched without it. A URI on
      // another origin is refused by the client, so the key never leaves the API host.
      if (video?.uri) {
        return http.stream({
          url: video.uri,
          ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
        });
      }
      const encoded = video?.encodedVideo;
      if (!encoded) {
        throw new InvalidRequestError({
          param: 'variant',
          code: 'variant_not_available',
          message: 'This Gemini operation holds no video (it has not finished, or it failed).',
        });
      }
      const bytes = Buffer.from(encoded, 'base64');
      return { body: new Blob([bytes]).stream(), contentType: 'video/mp4', contentLength: bytes.byteLength };
    },
  };
}

/**
 * The source of an extension: the `video.uri` of a sample Veo made on this API (a Files API download on the
 * API's own host). The Gemini API extends nothing else, so any other video is refused before the call.
 */
function geminiVideo(video: VideoInput, baseURL: string): JsonObject {
  const url = video.kind === 'url' ? URL.parse(video.url) : null;
  if (url && url.origin === new URL(baseURL).origin && /\/files\/[^/]+:download$/.test(url.pathname)) {
    return { uri: url.href };
  }
  throw new InvalidRequestError({
    param: 'video',
    code: 'invalid_video',
    message:
      'The Gemini API extends only videos Veo made on it in the last two days: pass the video.uri of that generation (…/files/…:download), or extend on Vertex AI, which takes any MP4.',
  });
}

function parseGeminiOperation(operation: VideoOperation) {
  const parsed = geminiOperationSchema.safeParse(operation);
  if (!parsed.success) {
    throw new InvalidRequestError({
      param: 'operation',
      code: 'invalid_operation',
      message:
        'Not a Gemini API operation (operationName missing or malformed). Pass the operation returned by submit() on the google provider.',
    });
  }
  return parsed.data;
}
