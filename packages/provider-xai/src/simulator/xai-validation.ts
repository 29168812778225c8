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
  const image = body['image'];
  if (image !== undefined) {
    const url =
      typeof image === 'object' && image !== null ? (image as Record<string, unknown>)['url'] : undefined;
    if (
      typeof url !== 'string' ||
      !(url.startsWith('https://') || url.startsWith('data:image/') || url.startsWith('http://127.0.0.1'))
    )
      return 'image.url must be an https URL or a data:image/...;base64 URI';
  }
  return undefined;
}
