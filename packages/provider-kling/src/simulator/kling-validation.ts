/** Models and the durations each takes (API reference, capability map); Kling 3 goes from 3 to 15 s. */
const durationsByModel: Record<string, readonly string[]> = {
  'kling-v3': Array.from({ length: 13 }, (_, index) => String(index + 3)),
  'kling-v2-6': ['5', '10'],
  'kling-v2-5-turbo': ['5', '10'],
  'kling-v2-1-master': ['5', '10'],
  'kling-v1-6': ['5', '10'],
};

const MAX_PROMPT_CHARS = 2500;

/** The first problem with a create body, as Kling's 1201 message would word it; `undefined` when valid. */
export function validateKlingCreate(body: Record<string, unknown>, imageRoute: boolean): string | undefined {
  const model = body['model_name'] ?? 'kling-v1';
  const durations = typeof model === 'string' ? durationsByModel[model] : undefined;
  if (!durations) return `model_name is invalid: ${String(model)}`;
  const prompt = body['prompt'];
  if (typeof prompt !== 'string' || prompt.length === 0) return 'prompt is required';
  if (prompt.length > MAX_PROMPT_CHARS) return `prompt must be at most ${MAX_PROMPT_CHARS} characters`;
  const duration = body['duration'] ?? '5';
  if (typeof duration !== 'string') return 'duration must be a string such as "5"';
  if (!durations.includes(duration)) return `duration ${duration} is not supported by ${String(model)}`;
  const mode = body['mode'] ?? 'std';
  if (mode !== 'std' && mode !== 'pro') return 'mode must be std or pro';
  const sound = body['sound'] ?? 'off';
  if (sound !== 'on' && sound !== 'off') return 'sound must be on or off';
  if (!imageRoute) {
    const ratio = body['aspect_ratio'] ?? '16:9';
    if (ratio !== '16:9' && ratio !== '9:16' && ratio !== '1:1')
      return 'aspect_ratio must be 16:9, 9:16 or 1:1';
    return undefined;
  }
  if (body['image'] === undefined && body['image_tail'] === undefined)
    return 'image and image_tail cannot both be empty';
  for (const field of ['image', 'image_tail']) {
    const value = body[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length === 0) return `${field} is invalid`;
    if (value.startsWith('data:'))
      return `${field}: incorrect Base64 format; send the Base64 string without a data: prefix`;
  }
  return undefined;
}
