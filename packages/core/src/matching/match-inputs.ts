import { UnsupportedCapabilityError } from '../errors/unsupported-capability-error';
import type { VideoCapabilities } from '../spec/capabilities';
import type { JsonObject, JsonValue } from '../spec/json-value';
import type { VideoOffering } from '../spec/offering';
import type { NormalizationEntry } from './normalization-entry';

/**
 * Public parameters that only some offerings honour and that change what is made, so they are never dropped:
 * an offering that does not declare one in its parameter map is not a candidate for a request that uses it.
 */
export const ROUTED_PARAMETERS = ['negative_prompt', 'seed'] as const;
export type RoutedParameter = (typeof ROUTED_PARAMETERS)[number];

/** The input files of a request, as matching sees them: which are there, and how many. */
export type MediaCounts = {
  lastFrame: boolean;
  referenceImages: number;
};

type Frames = { firstFrame: boolean };

const PLACEHOLDER = '(image)';

/**
 * Checks the last frame and reference images against the offering and reports where they go. Throws
 * `UnsupportedCapabilityError` (so routing skips the offering) when it cannot take them.
 */
export function matchMediaInputs(
  offering: VideoOffering,
  media: MediaCounts & Frames,
  report: NormalizationEntry[],
): void {
  const capabilities: VideoCapabilities = offering.capabilities;
  if (media.lastFrame) {
    const capability = capabilities.lastFrame;
    if (capability === undefined) {
      throw new UnsupportedCapabilityError({
        param: 'last_frame',
        message: `${offering.model} does not take a last frame here.`,
        supported: [],
      });
    }
    if (capability.requiresFirstFrame && !media.firstFrame) {
      throw new UnsupportedCapabilityError({
        param: 'last_frame',
        message: `${offering.model} takes a last frame only with a first frame here: send input_reference too.`,
        supported: [],
      });
    }
    report.push({
      param: 'last_frame',
      requested: PLACEHOLDER,
      sent: { [capability.field]: PLACEHOLDER },
      action: capability.field === 'last_frame' ? 'passthrough' : 'renamed',
    });
  }
  if (media.referenceImages > 0) {
    const capability = capabilities.referenceImages;
    if (capability === undefined || media.referenceImages > capability.max) {
      throw new UnsupportedCapabilityError({
        param: 'reference_images',
        message:
          capability === undefined
            ? `${offering.model} does not take reference images here.`
            : `${offering.model} takes at most ${capability.max} reference images here; ${media.referenceImages} were sent.`,
        supported: capability === undefined ? [] : [`up to ${capability.max} images`],
      });
    }
    if (capability.excludesFrames && (media.firstFrame || media.lastFrame)) {
      throw new UnsupportedCapabilityError({
        param: 'reference_images',
        message: `${offering.model} takes reference images only without a first or last frame here.`,
        supported: [],
      });
    }
    const placeholders = Array.from({ length: media.referenceImages }, () => PLACEHOLDER);
    report.push({
      param: 'reference_images',
      requested: placeholders,
      sent: { [capability.field]: placeholders },
      action: capability.field === 'reference_images' ? 'passthrough' : 'renamed',
    });
  }
}

/**
 * Writes `negative_prompt` and `seed` as the offering's parameter map says, or throws when the offering does not
 * declare them: a seed or a negative prompt silently dropped would make a different video than asked.
 */
export function matchRoutedParameters(
  offering: VideoOffering,
  values: Partial<Record<RoutedParameter, JsonValue>>,
  body: JsonObject,
  report: NormalizationEntry[],
): void {
  for (const param of ROUTED_PARAMETERS) {
    const value = values[param];
    if (value === undefined) continue;
    const rule = offering.parameters[param];
    if (rule === undefined || rule.how === 'unsupported' || rule.how === 'emulated') {
      throw new UnsupportedCapabilityError({
        param,
        message: `${offering.model} does not take ${param} here.`,
        supported: [],
      });
    }
    const to = rule.how === 'passthrough' ? param : rule.how === 'renamed' ? rule.to : (rule.to[0] ?? param);
    body[to] = value;
    report.push({ param, requested: value, sent: { [to]: value }, action: rule.how });
  }
}
