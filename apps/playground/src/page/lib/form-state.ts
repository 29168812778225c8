import type { ControlOptions } from './control-options';
import type { ModelCard, VideoMode, VideoRequestBody } from './wire-types';

/** Everything the user chose. Empty strings mean "not chosen: let the model's default apply". */
export type FormState = {
  /** Catalog model id (`veo-3.1`). */
  model: string;
  /** `'auto'` routes by price and health; a provider id pins the request to it. */
  provider: string;
  prompt: string;
  mode: VideoMode;
  imageSource: 'upload' | 'url';
  /** The uploaded image as a data URI. */
  imageDataUri: string;
  imageUrl: string;
  /** Exact `WxH`; wins over aspect ratio and resolution (the gateway's priority rule). */
  size: string;
  aspectRatio: string;
  resolution: string;
  seconds: number | undefined;
  /** `undefined` until the user flips the switch: the model's default applies. */
  audio: boolean | undefined;
};

export const EXAMPLE_PROMPT =
  'A paper boat sails down a rain-soaked city street at dusk, neon reflections rippling in the puddles';

export function initialFormState(): FormState {
  return {
    model: '',
    provider: 'auto',
    prompt: EXAMPLE_PROMPT,
    mode: 'text-to-video',
    imageSource: 'upload',
    imageDataUri: '',
    imageUrl: '',
    size: '',
    aspectRatio: '',
    resolution: '',
    seconds: undefined,
    audio: undefined,
  };
}

/**
 * The form with every choice the current model cannot take reset to its default, so the controls never show
 * a value that is not among their options.
 */
export function reconcileForm(
  form: FormState,
  card: ModelCard | undefined,
  options: ControlOptions,
): FormState {
  const provider =
    form.provider === 'auto' || card?.providers.some((entry) => entry.provider === form.provider)
      ? form.provider
      : 'auto';
  const mode = options.modes.includes(form.mode) ? form.mode : (options.modes[0] ?? 'text-to-video');
  return {
    ...form,
    provider,
    mode,
    size: options.sizes.some((size) => size.value === form.size) ? form.size : '',
    aspectRatio: options.aspectRatios.includes(form.aspectRatio) ? form.aspectRatio : '',
    resolution: options.resolutions.includes(form.resolution) ? form.resolution : '',
    seconds:
      form.seconds !== undefined && options.durations.includes(form.seconds)
        ? form.seconds
        : options.defaultDuration,
    audio: options.audio === 'optional' ? form.audio : undefined,
  };
}

/** The model id to send: the catalog id, or `provider/model` when pinned. */
export function requestModelId(form: FormState, card: ModelCard | undefined): string {
  if (form.provider === 'auto') return form.model;
  return (
    card?.providers.find((entry) => entry.provider === form.provider)?.id ?? `${form.provider}/${form.model}`
  );
}

/** The image the request carries, or `undefined` in text-to-video mode or before one is given. */
export function imageReference(form: FormState): string | undefined {
  if (form.mode !== 'image-to-video') return undefined;
  const value = form.imageSource === 'upload' ? form.imageDataUri : form.imageUrl.trim();
  return value === '' ? undefined : value;
}

/**
 * The exact JSON body of `POST /v1/videos`, keys in a fixed order so snippets read naturally. `seconds` is a
 * string because that is what OpenAI's SDKs send; the gateway takes either.
 */
export function buildRequestBody(form: FormState, card: ModelCard | undefined): VideoRequestBody {
  const body: VideoRequestBody = { model: requestModelId(form, card), prompt: form.prompt.trim() };
  if (form.seconds !== undefined) body.seconds = String(form.seconds);
  if (form.size !== '') {
    body.size = form.size;
  } else {
    if (form.aspectRatio !== '') body.aspect_ratio = form.aspectRatio;
    if (form.resolution !== '') body.resolution = form.resolution;
  }
  if (form.audio !== undefined) body.audio = form.audio;
  const image = imageReference(form);
  if (image !== undefined) body.input_reference = image;
  return body;
}

/** Why the request cannot be sent yet, or `undefined` when it can. */
export function missingInput(form: FormState): string | undefined {
  if (form.model === '') return 'Pick a model.';
  if (form.prompt.trim() === '') return 'Write a prompt.';
  if (form.mode === 'image-to-video' && imageReference(form) === undefined) {
    return form.imageSource === 'upload'
      ? 'Upload an image for image-to-video.'
      : 'Paste an image URL for image-to-video.';
  }
  return undefined;
}
