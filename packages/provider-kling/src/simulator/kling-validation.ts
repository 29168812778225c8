/** Models and the durations each takes (API reference, capability map); Kling 3 goes from 3 to 15 s. */
const durationsByModel: Record<string, readonly string[]> = {
  'kling-v3': Array.from({ length: 13 }, (_, index) => String(index + 3)),
  'kling-v2-6': ['5', '10'],
  'kling-v2-5-turbo': ['5', '10'],
  'kling-v2-1-master': ['5', '10'],
  'kling-v1-6': ['5', '10'],
};

/** Model versions whose end frame (`image_tail`) needs pro mode; Kling 3 takes it in std too. */
const tailNeedsPro = new Set(['kling-v2-6', 'kling-v1-6']);
/** `multi-image2video` serves one model version and takes one to four reference images. */
const MULTI_IMAGE_MODELS = new Set(['kling-v1-6']);
const MAX_REFERENCE_IMAGES = 4;
const MAX_PROMPT_CHARS = 2500;

type Endpoint = 'text2video' | 'image2video' | 'multi-image2video';

/** The first problem with a create body, as Kling's 1201 message would word it; `undefined` when valid. */
export function validateKlingCreate(body: Record<string, unknown>, endpoint: Endpoint): string | undefined {
  const model = body['model_name'] ?? (endpoint === 'multi-image2video' ? 'kling-v1-6' : 'kling-v1');
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
  if (endpoint === 'text2video') return validateAspectRatio(body);
  if (endpoint === 'multi-image2video') {
    if (!MULTI_IMAGE_MODELS.has(String(model)))
      return `model_name ${String(model)} is not supported by multi-image2video; use kling-v1-6`;
    return validateImageList(body['image_list']) ?? validateAspectRatio(body);
  }

  if (body['image'] === undefined && body['image_tail'] === undefined)
    return 'image and image_tail cannot both be empty';
  for (const field of ['image', 'image_tail']) {
    const problem = validateImage(body[field], field);
    if (problem) return problem;
  }
  if (body['image_tail'] !== undefined) {
    if (tailNeedsPro.has(String(model)) && mode !== 'pro')
      return `image_tail is only supported in pro mode for ${String(model)}`;
    for (const field of ['static_mask', 'dynamic_masks', 'camera_control'])
      if (body[field] !== undefined) return `image_tail and ${field} cannot be used together`;
    if (body['multi_shot'] === true) return 'image_tail cannot be used with multi_shot';
  }
  return undefined;
}

function validateAspectRatio(body: Record<string, unknown>): string | undefined {
  const ratio = body['aspect_ratio'] ?? '16:9';
  if (ratio !== '16:9' && ratio !== '9:16' && ratio !== '1:1')
    return 'aspect_ratio must be 16:9, 9:16 or 1:1';
  return undefined;
}

function validateImageList(list: unknown): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return 'image_list is required';
  if (list.length > MAX_REFERENCE_IMAGES)
    return `image_list supports at most ${MAX_REFERENCE_IMAGES} images, got ${list.length}`;
  for (const [index, item] of list.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return `image_list[${index}] must be an object such as {"image": "…"}`;
    const problem = validateImage((item as Record<string, unknown>)['image'], `image_list[${index}].image`);
    if (problem) return problem;
  }
  return undefined;
}

function validateImage(value: unknown, field: string): string | undefined {
  if (value === undefined) return field.startsWith('image_list') ? `${field} is required` : undefined;
  if (typeof value !== 'string' || value.length === 0) return `${field} is invalid`;
  if (value.startsWith('data:'))
    return `${field}: incorrect Base64 format; send the Base64 string without a data: prefix`;
  return undefined;
}
