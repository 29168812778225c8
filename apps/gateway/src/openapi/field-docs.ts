/** Descriptions of `POST /v1/videos` fields, merged into the JSON Schema generated from core's zod schema. */
export const createVideoFieldDocs: Record<string, string> = {
  model:
    'Catalog model id (`sora-2-pro`), routed to the cheapest healthy provider that can honour the request, or `provider/model` (a provider that `GET /v1/models/{model}` lists, such as `<provider>/sora-2-pro`) to pin one provider.',
  prompt: 'What the video should show.',
  seconds:
    'Clip length in seconds, as a number or a string (`8` or `"8"`). Snapped to the nearest duration the provider supports; the snap is reported in `metadata.normalization`.',
  duration: 'Alias of `seconds`; send one of them.',
  size: '`WxH` (`1280x720`), `W:H` (`16:9`) or `auto`. Takes priority over `aspect_ratio` and `resolution`.',
  aspect_ratio: '`W:H` such as `16:9`, or `auto`.',
  resolution: 'A tier: `480p`, `720p`, `1080p`, `1K`, `4K`, `1MP`.',
  n: 'How many videos (1–8). Above what one provider call makes, the gateway runs parallel child jobs.',
  audio: 'Whether to generate sound, where the model can switch it.',
  input_reference:
    'First-frame image: an https URL, a `data:` URI, `{ "image_url": "…" }`, or (multipart) an uploaded file. An image makes the request image-to-video.',
  last_frame:
    'Last-frame image, for first-and-last-frame generation; the same forms as `input_reference`. Routed only to offerings that take one (400 naming `last_frame` when none can).',
  reference_images:
    'Up to 8 images that guide subjects and style without being a frame (each offering states its own limit); the same forms as `input_reference`, and in multipart `reference_images[]` files.',
  negative_prompt:
    'What the video should not show. Routed only to offerings that take it (never dropped silently).',
  seed: 'A whole number (0–4294967295) for repeatable results. Routed only to offerings that take it.',
  video:
    'The video to extend or edit: `{"id": "video_…"}` of a completed video of yours, an https URL, a `data:` URI, or (multipart) an uploaded MP4, QuickTime or WebM file.',
  source_model:
    "Catalog model to use; defaults to the source video's model when `video` is an id. Required for a file or URL.",
  webhook_url:
    'An https URL the gateway POSTs a signed Standard Webhooks event to when the video ends (`video.completed` or `video.failed`, with the video object as `data`). Retried 3 times (after 5, 15 and 45 s). Private and loopback addresses are refused unless the operator allows them.',
  metadata: 'Up to 16 string key/value pairs, kept with the job.',
  provider:
    'Routing preferences: `order` (try first), `only`, `ignore`, and `allow_fallbacks` (default true: a submit that provably created nothing is retried at the next provider).',
  strict: 'Reject the request instead of snapping a size or duration the provider does not support.',
};

/** Descriptions of the video object's fields. */
export const videoFieldDocs: Record<string, string> = {
  id: 'Job id, `video_…`.',
  status: '`queued`, `in_progress`, `completed` or `failed`.',
  progress: 'Percent complete, 0–100, kept current by the tracker.',
  created_at: 'Unix seconds.',
  completed_at: 'Unix seconds, or null while running.',
  expires_at: 'Unix seconds after which the stored output is deleted.',
  size: 'The size actually requested upstream, `WxH`.',
  seconds: 'The duration actually requested upstream.',
  output: 'Where to download the stored result (`GET /v1/videos/{id}/content`), once completed.',
  metadata:
    'Reelay: `provider`, `provider_model`, `upstream_id`, `cost_estimate` and `cost` (`{usd, micros}`), `normalization` report, `warnings`, `attempts` trail, `sandbox`, and the request metadata.',
};
