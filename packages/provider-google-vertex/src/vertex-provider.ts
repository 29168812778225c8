import { InvalidRequestError, UpstreamError, type VideoProvider } from '@reelay/core';
import { parseGoogleError, veoOperationResponseSchema, veoRequestBody } from '@reelay/provider-google';
import { createProviderHttpClient, type JsonRequest, withoutTrailingSlash } from '@reelay/provider-utils';
import { createAccessTokenSource } from './access-token';
import type { GoogleVertexProviderSettings } from './google-vertex-settings';
import { VERSION } from './version';
import { vertexOfferings } from './vertex-offerings';
import { fetchOperationPath, parseVertexOperation } from './vertex-operation';
import { vertexOperationToResult } from './vertex-result';
import { vertexVideo } from './vertex-video';

const DEFAULT_LOCATION = 'us-central1';

/**
 * The Vertex AI provider for Veo, authenticated as a service account (a signed JWT exchanged for an OAuth
 * token, cached until it expires).
 *
 * @example
 * const vertex = createGoogleVertex(); // reads GOOGLE_VERTEX_PROJECT, GOOGLE_VERTEX_LOCATION, GOOGLE_APPLICATION_CREDENTIALS
 * const video = await generateVideo({ provider: vertex, model: 'veo-3.1', prompt: 'a fox', seconds: 8 });
 */
export function createGoogleVertex(settings: GoogleVertexProviderSettings = {}): VideoProvider {
  const location = settings.location ?? (process.env['GOOGLE_VERTEX_LOCATION']?.trim() || DEFAULT_LOCATION);
  const defaultBaseURL =
    location === 'global'
      ? 'https://aiplatform.googleapis.com/v1'
      : `https://${location}-aiplatform.googleapis.com/v1`;
  const baseURL = withoutTrailingSlash(
    settings.baseURL ?? (process.env['GOOGLE_VERTEX_BASE_URL']?.trim() || defaultBaseURL),
  );
  const tokens = createAccessTokenSource({ credentials: settings.credentials, timeouts: settings.timeouts });
  const common = {
    provider: 'google-vertex',
    headers: () => ({
      'user-agent': `reelay/google-vertex provider-google-vertex/${VERSION}`,
      ...settings.headers,
    }),
    parseError: parseGoogleError,
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
  };
  const http = createProviderHttpClient({ ...common, baseURL });
  const storage = createProviderHttpClient({
    ...common,
    baseURL: withoutTrailingSlash(settings.storageBaseURL ?? 'https://storage.googleapis.com'),
  });

  function project(): string {
    const value = settings.project ?? process.env['GOOGLE_VERTEX_PROJECT']?.trim();
    if (!value) {
      throw new InvalidRequestError({
        param: 'project',
        code: 'missing_project',
        message:
          'google-vertex needs a Google Cloud project: set GOOGLE_VERTEX_PROJECT (or the project setting).',
      });
    }
    return value;
  }

  /** One call with the access token; a 401 (a token revoked early) gets one retry with a fresh token. */
  async function call<T>(request: JsonRequest<T>) {
    const send = async () =>
      http.json({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${await tokens.get()}` },
      });
    try {
      return await send();
    } catch (error) {
      if (!UpstreamError.isInstance(error) || error.statusCode !== 401) throw error;
      tokens.invalidate();
      return send();
    }
  }

  async function fetchOperation(operationName: string, abortSignal: AbortSignal | undefined) {
    const { value } = await call({
      method: 'POST',
      path: fetchOperationPath(operationName),
      body: { operationName },
      schema: veoOperationResponseSchema,
      ...(abortSignal ? { abortSignal } : {}),
    });
    return value;
  }

  return {
    specificationVersion: 'v1',
    id: 'google-vertex',
    name: 'Google Vertex AI',
    baseURL,
    offerings: vertexOfferings,
    callsBeforeCreate: true,

    async submit(request, options) {
      const body = veoRequestBody(request, vertexVideo);
      if (settings.storageUri)
        (body['parameters'] as Record<string, unknown>)['storageUri'] = settings.storageUri;
      await request.beforeCreate();
      const { value } = await call({
        method: 'POST',
        path: `/projects/${encodeURIComponent(project())}/locations/${location}/publishers/google/models/${request.upstreamModel}:predictLongRunning`,
        body,
        schema: veoOperationResponseSchema,
        ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
      });
      return { operation: { operationName: value.name }, upstreamId: value.name, warnings: [] };
    },

    async poll(operation, options) {
      const { operationName } = parseVertexOperation(operation);
      return vertexOperationToResult(await fetchOperation(operationName, options?.abortSignal));
    },

    async content(request, options) {
      const { operationName } = parseVertexOperation(request.operation);
      if (request.variant !== 'video') {
        throw new InvalidRequestError({
          param: 'variant',
          code: 'variant_not_available',
          message: `Veo makes only the 'video' variant, not '${request.variant}'.`,
        });
      }
      const gcsUri = request.outputs.find((output) => output.variant === 'video')?.url;
      const match = gcsUri ? /^gs:\/\/([^/]+)\/(.+)$/.exec(gcsUri) : null;
      if (match) {
        return storage.stream({
          path: `/storage/v1/b/${encodeURIComponent(match[1]!)}/o/${encodeURIComponent(match[2]!)}`,
          query: { alt: 'media' },
          headers: { authorization: `Bearer ${await tokens.get()}` },
          ...(options?.abortSignal ? { abortSignal: options.abortSignal } : {}),
        });
      }
      // Inline videos are read again from the operation, which Vertex keeps.
      const fetched = await fetchOperation(operationName, options?.abortSignal);
      const video = fetched.response?.videos?.find((candidate) => candidate.bytesBase64Encoded);
      if (!video?.bytesBase64Encoded) {
        throw new InvalidRequestError({
          param: 'variant',
          code: 'variant_not_available',
          message: 'This Vertex operation holds no video (it has not finished, or it failed).',
        });
      }
      const bytes = Buffer.from(video.bytesBase64Encoded, 'base64');
      return {
        body: new Blob([bytes]).stream(),
        contentType: video.mimeType ?? 'video/mp4',
        contentLength: bytes.byteLength,
      };
    },
  };
}
