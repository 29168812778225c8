import { UnsupportedCapabilityError } from '../errors/unsupported-capability-error';
import type {
  AspectRatio,
  Dimensions,
  DurationCapability,
  ResolutionTier,
  VideoMode,
} from '../spec/capabilities';
import type { JsonObject, JsonValue } from '../spec/json-value';
import type { VideoOffering } from '../spec/offering';
import type { VideoWarning } from '../spec/warning';
import { type DurationMatch, matchDuration } from './match-duration';
import { type MediaCounts, matchMediaInputs, matchRoutedParameters } from './match-inputs';
import { describeSupportedSizes, matchSize } from './match-size';
import { type NormalizationEntry, REDACTED } from './normalization-entry';
import { formatDimensions, reduceRatio } from './ratio';
import { resolveSizeTarget } from './size-target';

/** The video an extend or edit starts from: its size and length where the gateway could read them. */
export type SourceVideo = {
  operation: 'extend' | 'edit';
  dimensions: Dimensions | undefined;
  seconds: number | undefined;
};

/** The parts of a create request that matching looks at, already validated. */
export type MatchInput = {
  seconds?: number | undefined;
  size?: string | undefined;
  aspectRatio?: string | undefined;
  resolution?: string | undefined;
  n?: number | undefined;
  audio?: boolean | undefined;
  hasImage: boolean;
  /** The last frame and reference images sent besides the first frame. Default none. */
  media?: MediaCounts | undefined;
  negativePrompt?: string | undefined;
  seed?: number | undefined;
  /** Set for an extension or an edit of an existing video, with what is known of that video. */
  source?: SourceVideo | undefined;
  /** Reject instead of snapping or dropping. */
  strict?: boolean | undefined;
  webhookUrl?: string | undefined;
  /** Parameters with no public meaning, passed through unless the offering maps them. */
  extra: Record<string, JsonValue>;
};

/** A request made acceptable to one offering, with the report of every change. */
export type NormalizedRequest = {
  mode: VideoMode;
  upstreamModel: string;
  dimensions: Dimensions;
  tier: ResolutionTier;
  aspectRatio: AspectRatio;
  seconds: number;
  audio: boolean;
  n: number;
  /** Upstream fields decided by matching plus passthrough parameters (the adapter adds prompt and image). */
  body: JsonObject;
  report: NormalizationEntry[];
  warnings: VideoWarning[];
};

/**
 * Matches a request to one offering, deterministically: the same input always gives the same output.
 * Throws `UnsupportedCapabilityError` when the offering cannot serve the request at all, or, in strict mode,
 * when it could only serve it changed.
 */
export function matchRequest(offering: VideoOffering, input: MatchInput): NormalizedRequest {
  const capabilities = offering.capabilities;
  const mode = modeOf(input);
  const upstreamModel = offering.upstream[mode];
  if (upstreamModel === undefined || !capabilities.modes.includes(mode)) {
    throw new UnsupportedCapabilityError({
      param: input.source ? 'video' : input.hasImage ? 'input_reference' : 'prompt',
      message: `${offering.model} does not do ${mode} here.`,
      supported: capabilities.modes,
    });
  }
  if (input.source) return matchFromVideo(offering, input, input.source, mode, upstreamModel);

  const report: NormalizationEntry[] = [];
  const warnings: VideoWarning[] = [];
  const body: JsonObject = {};
  const strict = input.strict === true;

  const target = resolveSizeTarget(input);
  const size = matchSize(capabilities.size, target);
  if (strict && size.snapped) {
    throw new UnsupportedCapabilityError({
      param:
        target.source === 'size' ? 'size' : target.source === 'resolution' ? 'resolution' : 'aspect_ratio',
      message: `${offering.model} cannot make exactly the size asked (strict mode); nearest is ${formatDimensions(size.dimensions)}.`,
      supported: describeSupportedSizes(capabilities.size),
    });
  }
  Object.assign(body, size.wire);
  const sizeAction = size.snapped ? 'snapped' : 'converted';
  const sizeNote = size.clamped
    ? 'clamped to the pixel limits, keeping the aspect ratio'
    : size.snapped
      ? `nearest supported size is ${formatDimensions(size.dimensions)}`
      : undefined;
  const sizeEntry = (param: string, requested: JsonValue): NormalizationEntry => ({
    param,
    requested,
    sent: size.wire,
    action:
      sizeAction === 'converted' && isSameField(param, requested, size.wire) ? 'passthrough' : sizeAction,
    ...(sizeNote ? { note: sizeNote } : {}),
  });
  if (input.size !== undefined && input.size !== 'auto') report.push(sizeEntry('size', input.size));
  if (
    target.source !== 'size' &&
    input.aspectRatio !== undefined &&
    !target.overridden.includes('aspect_ratio')
  ) {
    report.push(sizeEntry('aspect_ratio', input.aspectRatio));
  }
  if (target.source !== 'size' && input.resolution !== undefined)
    report.push(sizeEntry('resolution', input.resolution));
  for (const param of target.overridden) {
    const requested = param === 'aspect_ratio' ? input.aspectRatio : input.resolution;
    report.push({
      param,
      requested: requested ?? null,
      sent: null,
      action: 'dropped',
      note: 'size takes priority',
    });
    warnings.push({ type: 'compatibility', feature: param, details: `ignored because size was given` });
  }
  if (target.source === 'default') {
    report.push({
      param: 'size',
      // `auto` asks for the model's default, so the report shows it was asked, not left out.
      requested: input.size === 'auto' ? 'auto' : null,
      sent: size.wire,
      action: 'defaulted',
      note: `model default ${formatDimensions(size.dimensions)}`,
    });
  } else if (size.snapped) {
    warnings.push({ type: 'compatibility', feature: 'size', details: sizeNote });
  }

  const duration = reportDuration(offering.model, capabilities.duration, input, body, report, warnings);

  const { audio, n } = matchRest(offering, input, body, report, warnings);

  return {
    mode,
    upstreamModel,
    dimensions: size.dimensions,
    tier: size.tier,
    aspectRatio: reduceRatio(size.dimensions),
    seconds: duration.seconds,
    audio,
    n,
    body,
    report,
    warnings,
  };
}

function isSameField(param: string, requested: JsonValue, wire: JsonObject): boolean {
  const keys = Object.keys(wire);
  return keys.length === 1 && keys[0] === param && wire[param] === requested;
}

function modeOf(input: MatchInput): VideoMode {
  if (input.source) return input.source.operation === 'extend' ? 'extend-video' : 'edit-video';
  return input.hasImage ? 'image-to-video' : 'text-to-video';
}

/** Matches `seconds` to one duration capability, writing the wire field and the report line. */
function reportDuration(
  model: string,
  capability: DurationCapability,
  input: MatchInput,
  body: JsonObject,
  report: NormalizationEntry[],
  warnings: VideoWarning[],
): DurationMatch {
  const strict = input.strict === true;
  const duration = matchDuration(capability, input.seconds);
  if (strict && duration.snapped) {
    throw new UnsupportedCapabilityError({
      param: 'seconds',
      message: `${model} cannot make ${input.seconds} s here (strict mode).`,
      supported: capability.values.map((value) => `${value}`),
    });
  }
  body[capability.field] = duration.wire;
  const durationSent = { [capability.field]: duration.wire };
  if (input.seconds === undefined) {
    report.push({
      param: 'seconds',
      requested: null,
      sent: durationSent,
      action: 'defaulted',
      note: `model default ${duration.seconds} s`,
    });
  } else if (duration.snapped) {
    report.push({
      param: 'seconds',
      requested: input.seconds,
      sent: durationSent,
      action: 'snapped',
      note: `nearest supported duration is ${duration.seconds} s`,
    });
    warnings.push({
      type: 'compatibility',
      feature: 'seconds',
      details: `${input.seconds} s is not offered; sending ${duration.seconds} s`,
    });
  } else {
    const renamedOnly = capability.format === 'integer';
    const sameField = capability.field === 'seconds';
    report.push({
      param: 'seconds',
      requested: input.seconds,
      sent: durationSent,
      action: sameField && renamedOnly ? 'passthrough' : renamedOnly ? 'renamed' : 'converted',
    });
  }

  return duration;
}

/** Audio, `n`, the input files, the webhook and every other parameter: the same whatever the mode. */
function matchRest(
  offering: VideoOffering,
  input: MatchInput,
  body: JsonObject,
  report: NormalizationEntry[],
  warnings: VideoWarning[],
): { audio: boolean; n: number } {
  const capabilities = offering.capabilities;
  const strict = input.strict === true;
  let audio = capabilities.audio?.default ?? false;
  if (input.audio !== undefined) {
    if (capabilities.audio === undefined && input.audio) {
      if (strict) {
        throw new UnsupportedCapabilityError({
          param: 'audio',
          message: `${offering.model} makes silent video only here.`,
          supported: ['false'],
        });
      }
      report.push({
        param: 'audio',
        requested: true,
        sent: null,
        action: 'dropped',
        note: 'this model makes silent video',
      });
      warnings.push({
        type: 'unsupported',
        feature: 'audio',
        details: `${offering.model} makes silent video only here`,
      });
    } else if (capabilities.audio?.field !== undefined) {
      audio = input.audio;
      body[capabilities.audio.field] = input.audio;
      report.push({
        param: 'audio',
        requested: input.audio,
        sent: { [capabilities.audio.field]: input.audio },
        action: capabilities.audio.field === 'audio' ? 'passthrough' : 'renamed',
      });
    } else {
      audio = capabilities.audio?.default ?? false;
      const honoured = audio === input.audio;
      report.push({
        param: 'audio',
        requested: input.audio,
        sent: null,
        action: honoured ? 'emulated' : 'dropped',
        note: honoured
          ? 'the model always does this'
          : `the model always makes ${audio ? 'sound' : 'silent video'}`,
      });
      if (!honoured)
        warnings.push({ type: 'unsupported', feature: 'audio', details: 'audio cannot be switched here' });
    }
  }

  const n = input.n ?? 1;
  if (n > 1) {
    const emulated = n > capabilities.maxVideosPerCall;
    if (!emulated) body['n'] = n;
    report.push({
      param: 'n',
      requested: n,
      sent: emulated ? null : { n },
      action: emulated ? 'emulated' : 'passthrough',
      ...(emulated ? { note: `${n} separate jobs, one video each` } : {}),
    });
  }

  matchMediaInputs(
    offering,
    { lastFrame: false, referenceImages: 0, ...input.media, firstFrame: input.hasImage },
    report,
  );
  matchRoutedParameters(offering, { negative_prompt: input.negativePrompt, seed: input.seed }, body, report);
  if (input.hasImage && capabilities.image) {
    report.push({
      param: 'input_reference',
      requested: '(image)',
      sent: { [capabilities.image.field]: '(image)' },
      action: capabilities.image.field === 'input_reference' ? 'passthrough' : 'renamed',
    });
  }
  if (input.webhookUrl !== undefined) {
    report.push({
      param: 'webhook_url',
      requested: input.webhookUrl,
      sent: null,
      action: 'emulated',
      note: 'the gateway calls it when the job ends',
    });
  }

  const secret = new Set(offering.secretParameters ?? []);
  for (const [param, value] of Object.entries(input.extra)) {
    const rule = offering.parameters[param];
    // The body carries a secret's value; the report, which users and logs see, only its place.
    const shown = secret.has(param) ? REDACTED : value;
    if (rule === undefined || rule.how === 'passthrough') {
      body[param] = value;
      report.push({ param, requested: shown, sent: { [param]: shown }, action: 'passthrough' });
    } else if (rule.how === 'renamed') {
      body[rule.to] = value;
      report.push({ param, requested: shown, sent: { [rule.to]: shown }, action: 'renamed' });
    } else if (rule.how === 'emulated') {
      report.push({ param, requested: shown, sent: null, action: 'emulated' });
    } else if (rule.how === 'converted') {
      // A converted parameter with no converter of its own is sent under its first target name.
      const to = rule.to[0] ?? param;
      body[to] = value;
      report.push({ param, requested: shown, sent: { [to]: shown }, action: 'converted' });
    } else {
      if (strict) {
        throw new UnsupportedCapabilityError({
          param,
          message: `${offering.model} does not take ${param} here.`,
          supported: [],
        });
      }
      report.push({
        param,
        requested: shown,
        sent: null,
        action: 'dropped',
        note: 'not supported by this provider',
      });
      warnings.push({ type: 'unsupported', feature: param });
    }
  }

  return { audio, n };
}

/**
 * An extension or an edit: the size follows the source video, so none is sent; an edit keeps its length too,
 * while an extension matches `seconds` to the new segment's durations.
 */
function matchFromVideo(
  offering: VideoOffering,
  input: MatchInput,
  source: SourceVideo,
  mode: VideoMode,
  upstreamModel: string,
): NormalizedRequest {
  const capabilities = offering.capabilities;
  const capability = capabilities.video;
  if (capability === undefined) {
    throw new UnsupportedCapabilityError({
      param: 'video',
      message: `${offering.model} declares ${mode} but no way to send the video.`,
      supported: [],
    });
  }
  if (
    capability.maxSeconds !== undefined &&
    source.seconds !== undefined &&
    source.seconds > capability.maxSeconds
  ) {
    throw new UnsupportedCapabilityError({
      param: 'video',
      message: `${offering.model} takes source videos up to ${capability.maxSeconds} s here; this one is ${source.seconds} s.`,
      supported: [`up to ${capability.maxSeconds} s`],
    });
  }
  const report: NormalizationEntry[] = [];
  const warnings: VideoWarning[] = [];
  const body: JsonObject = {};
  const dropped = (param: string, requested: JsonValue, note: string) => {
    if (input.strict === true) {
      throw new UnsupportedCapabilityError({
        param,
        message: `${offering.model}: ${note} (strict mode).`,
        supported: [],
      });
    }
    report.push({ param, requested, sent: null, action: 'dropped', note });
    warnings.push({ type: 'compatibility', feature: param, details: note });
  };
  const sizeNote = 'the new video keeps the size of the source video';
  if (input.size !== undefined && input.size !== 'auto') dropped('size', input.size, sizeNote);
  if (input.aspectRatio !== undefined) dropped('aspect_ratio', input.aspectRatio, sizeNote);
  if (input.resolution !== undefined) dropped('resolution', input.resolution, sizeNote);
  // The size is the source's where it could be read, else the model's default: it only prices the job.
  const size = matchSize(
    capabilities.size,
    resolveSizeTarget({ size: source.dimensions ? formatDimensions(source.dimensions) : undefined }),
  );
  report.push({
    param: 'video',
    requested: '(video)',
    sent: { [capability.field]: '(video)' },
    action: capability.field === 'video' ? 'passthrough' : 'renamed',
  });
  let seconds: number;
  if (mode === 'extend-video') {
    const durations = capability.extendDuration ?? capabilities.duration;
    seconds = reportDuration(offering.model, durations, input, body, report, warnings).seconds;
  } else {
    if (input.seconds !== undefined)
      dropped('seconds', input.seconds, 'an edit keeps the length of the source video');
    seconds = source.seconds ?? capabilities.duration.default;
  }
  const { audio, n } = matchRest(offering, input, body, report, warnings);
  const dimensions = source.dimensions ?? size.dimensions;
  return {
    mode,
    upstreamModel,
    dimensions,
    tier: size.tier,
    aspectRatio: reduceRatio(dimensions),
    seconds,
    audio,
    n,
    body,
    report,
    warnings,
  };
}
