const STANDARD_SIZES = ['720x1280', '1280x720'] as const;
const PRO_SIZES = [...STANDARD_SIZES, '1024x1792', '1792x1024', '1080x1920', '1920x1080'] as const;

/** Model ids the Videos API accepted, dated snapshots included, with the sizes each allows. */
export const OPENAI_VIDEO_MODELS: Readonly<Record<string, readonly string[]>> = {
  'sora-2': STANDARD_SIZES,
  'sora-2-2025-10-06': STANDARD_SIZES,
  'sora-2-2025-12-08': STANDARD_SIZES,
  'sora-2-pro': PRO_SIZES,
  'sora-2-pro-2025-10-06': PRO_SIZES,
};

export const DEFAULT_MODEL = 'sora-2';
export const DEFAULT_SIZE = '720x1280';
export const DEFAULT_SECONDS = '4';
/** The guide's list; the spec's enum stopped at "12" and was never widened. */
export const ALLOWED_SECONDS = ['4', '8', '12', '16', '20'] as const;
export const MAX_PROMPT_LENGTH = 32_000;
/** `image_url` may be a data URL of at most 20 MiB. */
export const MAX_DATA_URL_BYTES = 20 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
