const aspectRatios = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3'];
const resolutionsByModel: Record<string, readonly string[]> = {
  'grok-imagine-video': ['480p', '720p'],
  'grok-imagine-video-1.5': ['480p', '720p', '1080p'],
};

/** The first problem with a `/videos/generations` body; `undefined` when valid. */
export function validateGeneration(body: Record<string, unknown>): string | undefined {
  const model = body['model'] ?? 'grok-imagine-video';
  const resolutions = typeof model === 'string' ? resolutionsByModel[model] : undefined;
  if (!resolutions)
    return `The model ${String(model)} does not exist or your team does not have access to it.`;
  if (typeof body['prompt'] !== 'string' || body['prompt'].length === 0) return 'prompt: field required';
  const duration = body['duration'] ?? 8;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 1 || duration > 15)
    return 'duration must be an integer between 1 and 15';
  const ratio = body['aspect_ratio'] ?? '16:9';
  if (typeof ratio !== 'string' || !aspectRatios.includes(ratio))
    return `aspect_ratio must be one of ${aspectRatios.join(', ')}`;
  const resolution = body['resolution'] ?? '480p';
  if (typeof resolution !== 'string' || !resolutions.includes(resolution))
    return `resolution ${String(resolution)} is not supported by ${model}`;
  if (body['image'] !== undefined && body['reference_images'] !== undefined)
    return 'image and reference_images cannot be used together';
  if (body['image'] !== undefined && !isImageUrl(body['image']))
    return 'image.url must be an https URL or a data:image/...;base64 URI';
  const references = body['reference_images'];
  if (references !== undefined) {
    if (!Array.isArray(references) || references.length < 1 || references.length > MAX_REFERENCE_IMAGES)
      return `reference_images must hold 1 to ${MAX_REFERENCE_IMAGES} images`;
    const bad = references.findIndex((reference) => !isImageUrl(reference));
    if (bad >= 0) return `reference_images[${bad}].url must be an https URL or a data:image/...;base64 URI`;
    if (resolution === '1080p') return 'reference_images supports resolutions up to 720p';
    if (duration > MAX_REFERENCE_SECONDS)
      return `duration must be at most ${MAX_REFERENCE_SECONDS} seconds with reference_images`;
  }
  return undefined;
}

const MAX_REFERENCE_IMAGES = 7;
const MAX_REFERENCE_SECONDS = 10;

/** `{url}` with an https URL or an image data URL (the simulator also takes its own loopback URLs). */
function isImageUrl(value: unknown): boolean {
  const url =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['url'] : undefined;
  return (
    typeof url === 'string' &&
    (url.startsWith('https://') || url.startsWith('data:image/') || url.startsWith('http://127.0.0.1'))
  );
}
