import { validateVeoInputs } from './veo-input-validation';

/** What one simulated Veo model takes. */
export type VeoModelRules = {
  resolutions: readonly string[];
  /** First-and-last-frame generation. */
  lastFrame: boolean;
  /** Asset reference images (at most three). */
  referenceImages: boolean;
  /** Video extension (`instances[0].video`). */
  extension: boolean;
};

/** The new segment of an extension is always this long. */
export const EXTENSION_SECONDS = 7;

/**
 * The first problem with a `:predictLongRunning` body, worded like Google's INVALID_ARGUMENT messages;
 * `undefined` when valid. `api` decides which parameters exist (the Gemini API has no `seed` or `generateAudio`).
 * The source video of an extension is checked by each simulator, which knows where it can come from.
 */
export function validateVeoBody(
  body: unknown,
  rules: VeoModelRules,
  api: 'gemini' | 'vertex',
): string | undefined {
  if (typeof body !== 'object' || body === null) return 'Invalid JSON payload received.';
  const { instances, parameters = {} } = body as {
    instances?: unknown;
    parameters?: Record<string, unknown>;
  };
  if (!Array.isArray(instances) || instances.length !== 1) return 'instances must hold exactly one instance.';
  const instance = instances[0] as Record<string, unknown>;
  if (typeof instance['prompt'] !== 'string' || instance['prompt'].length === 0)
    return 'instances[0].prompt is required.';
  const inputs = validateVeoInputs(instance, rules, api);
  if (inputs) return inputs;
  const extension = instance['video'] !== undefined;
  const ratio = parameters['aspectRatio'] ?? '16:9';
  if (ratio !== '16:9' && ratio !== '9:16')
    return `Unsupported aspect ratio: ${String(ratio)}. Use 16:9 or 9:16.`;
  const resolution = parameters['resolution'] ?? '720p';
  if (typeof resolution !== 'string' || !rules.resolutions.includes(resolution))
    return `Unsupported resolution: ${String(resolution)}. Supported: ${rules.resolutions.join(', ')}.`;
  if (extension && resolution !== '720p') return 'Video extension outputs 720p only.';
  const duration = parameters['durationSeconds'] ?? (extension ? EXTENSION_SECONDS : 8);
  if (extension && duration !== EXTENSION_SECONDS)
    return `Video extension makes ${EXTENSION_SECONDS}-second segments: set durationSeconds to ${EXTENSION_SECONDS} or leave it out.`;
  if (!extension && duration !== 4 && duration !== 6 && duration !== 8)
    return `Unsupported duration: ${String(duration)} seconds. Use 4, 6 or 8.`;
  const samples = parameters['sampleCount'] ?? 1;
  if (typeof samples !== 'number' || samples < 1 || samples > 4)
    return 'sampleCount must be between 1 and 4.';
  if (api === 'gemini') {
    for (const vertexOnly of ['seed', 'generateAudio', 'storageUri']) {
      if (vertexOnly in parameters) return `${vertexOnly} isn't supported by the Gemini API.`;
    }
  } else {
    if ('generateAudio' in parameters && typeof parameters['generateAudio'] !== 'boolean')
      return 'generateAudio must be a boolean.';
    const seed = parameters['seed'];
    if (
      seed !== undefined &&
      (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 4294967295)
    )
      return 'seed must be an integer from 0 to 4294967295.';
  }
  return undefined;
}

/** What the simulator knows of an extension's source video. */
export type VeoSourceVideo = { seconds: number; width: number; height: number };

/**
 * The clip a valid body asks for. An extension returns the source followed by the new 7-second segment, at
 * 720p in the source's orientation, as both APIs document it.
 */
export function clipOf(
  body: unknown,
  source?: VeoSourceVideo,
): { width: number; height: number; seconds: number; samples: number; audio: boolean } {
  const parameters = ((body as { parameters?: Record<string, unknown> }).parameters ?? {}) as Record<
    string,
    unknown
  >;
  const samples = Number(parameters['sampleCount'] ?? 1);
  // Veo 3 makes sound; Vertex AI can switch it off (`generateAudio`), the Gemini API cannot.
  const audio = parameters['generateAudio'] !== false;
  if (source) {
    const portrait = source.height > source.width;
    return {
      width: portrait ? 720 : 1280,
      height: portrait ? 1280 : 720,
      seconds: source.seconds + EXTENSION_SECONDS,
      samples,
      audio,
    };
  }
  const resolution = String(parameters['resolution'] ?? '720p');
  const short = resolution === '4k' ? 2160 : resolution === '1080p' ? 1080 : 720;
  const long = Math.round((short * 16) / 9);
  const portrait = parameters['aspectRatio'] === '9:16';
  return {
    width: portrait ? short : long,
    height: portrait ? long : short,
    seconds: Number(parameters['durationSeconds'] ?? 8),
    samples,
    audio,
  };
}
