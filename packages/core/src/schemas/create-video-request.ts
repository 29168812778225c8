import { z } from 'zod';
import { booleanLike, numberLike, secondsLike } from './numeric';

const sizePattern = /^(auto|\d{1,5}x\d{1,5}|\d{1,5}:\d{1,5})$/;
const ratioPattern = /^\d{1,5}:\d{1,5}$/;
const tierPattern = /^(\d+(\.\d+)?)(p|K|MP)$/i;

/** A file uploaded in a multipart body. The gateway builds it; JSON bodies use a URL or data URI instead. */
export const uploadedFileSchema = z.object({
  kind: z.literal('upload'),
  data: z.instanceof(Uint8Array),
  mediaType: z.string(),
  filename: z.string(),
});

export type UploadedFile = z.infer<typeof uploadedFileSchema>;

export const inputReferenceSchema = z.union([
  z.string().min(1, 'must be an https URL or a data: URI'),
  z.object({ image_url: z.string().min(1) }).strict(),
  uploadedFileSchema,
]);

/** At most this many reference images in one request; each offering states its own, lower, limit. */
export const MAX_REFERENCE_IMAGES = 8;

/**
 * The source video of an extend or edit: a Reelay video id (`{id}`, as the `openai` SDK sends it), an https
 * URL, a data URI, or an uploaded file.
 */
export const videoReferenceSchema = z.union([
  z.string().min(1, 'must be an https URL, a data: URI or {"id": "video_…"}'),
  z.object({ id: z.string().min(1, 'must be the id of a completed video') }).strict(),
  z.object({ video_url: z.string().min(1) }).strict(),
  uploadedFileSchema,
]);
export type VideoReference = z.infer<typeof videoReferenceSchema>;

/** What makes a request an extension or an edit of an existing video rather than a new one. */
export const videoSourceSchema = z
  .object({
    operation: z.enum(['extend', 'edit']),
    video: videoReferenceSchema,
  })
  .strict();
export type VideoSource = z.infer<typeof videoSourceSchema>;

export const providerPreferencesSchema = z
  .object({
    /** Try these providers first, in this order. */
    order: z.array(z.string()).optional(),
    /** Use only these providers. */
    only: z.array(z.string()).optional(),
    /** Never use these providers. */
    ignore: z.array(z.string()).optional(),
    /** When false, a failed submit is not retried at the next provider. Default true. */
    allow_fallbacks: z.boolean().optional(),
  })
  .strict();

export type ProviderPreferences = z.infer<typeof providerPreferencesSchema>;

const knownFields = {
  model: z.string().min(1, 'is required, e.g. "sora-2-pro" or "fal/sora-2-pro"'),
  prompt: z.string().min(1, 'must not be empty').max(32_000, 'must be at most 32000 characters'),
  seconds: secondsLike.pipe(z.number().positive('must be greater than 0').max(600)).optional(),
  duration: secondsLike.pipe(z.number().positive('must be greater than 0').max(600)).optional(),
  size: z.string().regex(sizePattern, 'must be "WxH" (1280x720), "W:H" (16:9) or "auto"').optional(),
  aspect_ratio: z.string().regex(ratioPattern, 'must be "W:H", e.g. "16:9"').or(z.literal('auto')).optional(),
  resolution: z
    .string()
    .regex(tierPattern, 'must be a tier such as "720p", "1080p", "1K", "4K" or "1MP"')
    .optional(),
  n: numberLike.pipe(z.number().int('must be a whole number').min(1).max(8)).optional(),
  audio: booleanLike.optional(),
  input_reference: inputReferenceSchema.optional(),
  /** The last frame, for first-and-last-frame generation (needs `input_reference` at most providers). */
  last_frame: inputReferenceSchema.optional(),
  reference_images: z
    .array(inputReferenceSchema)
    .min(1, 'must hold at least one image')
    .max(MAX_REFERENCE_IMAGES, `may hold at most ${MAX_REFERENCE_IMAGES} images`)
    .optional(),
  negative_prompt: z
    .string()
    .min(1, 'must not be empty')
    .max(4_000, 'must be at most 4000 characters')
    .optional(),
  seed: numberLike
    .pipe(z.number().int('must be a whole number').min(0).max(4_294_967_295, 'must fit in 32 bits'))
    .optional(),
  /** Set by `POST /v1/videos/extensions` and `/v1/videos/edits`: the video to extend or edit. */
  source: videoSourceSchema.optional(),
  webhook_url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  metadata: z
    .record(z.string().max(64), z.string().max(512))
    .refine((value) => Object.keys(value).length <= 16, 'may hold at most 16 keys')
    .optional(),
  provider: providerPreferencesSchema.optional(),
  strict: booleanLike.optional(),
} as const;

/** Field names with a meaning of their own; every other key is passed through to the provider. */
export const knownRequestFields = new Set(Object.keys(knownFields));

/**
 * The public body of `POST /v1/videos`: OpenAI's fields plus Reelay's (`aspect_ratio`, `resolution`, `n`,
 * `provider`, `strict`). Unknown keys are kept for passthrough.
 */
export const createVideoRequestSchema = z
  .object(knownFields)
  .catchall(z.unknown())
  .superRefine((value, context) => {
    if (value.seconds !== undefined && value.duration !== undefined && value.seconds !== value.duration) {
      context.addIssue({
        code: 'custom',
        path: ['duration'],
        message: 'conflicts with seconds; send one of them',
      });
    }
  });

export type CreateVideoRequestInput = z.input<typeof createVideoRequestSchema>;
export type CreateVideoRequest = z.output<typeof createVideoRequestSchema>;
