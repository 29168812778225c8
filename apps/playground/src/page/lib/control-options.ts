import { compareRatios, FALLBACK_RATIOS, orientationOf, ratioOfSize } from './ratios';
import { compareTiers } from './tiers';
import type { Capabilities, ModelCard, ProviderCard, VideoMode } from './wire-types';

/** An exact size a provider lists, for the "Exact size" control. */
export type SizeChoice = { value: string; label: string; tier: string; aspectRatio: string };

export type AudioSupport = 'always' | 'optional' | 'never';

/** What the form may offer for one model (and, when pinned, one provider) in one mode. */
export type ControlOptions = {
  /** Modes any considered provider supports. */
  modes: VideoMode[];
  aspectRatios: string[];
  resolutions: string[];
  /** Explicit sizes; empty when every provider takes a ratio and a tier instead. */
  sizes: SizeChoice[];
  durations: number[];
  defaultDuration: number;
  /** What "Default" means in the ratio and resolution controls, for its label. */
  defaultAspectRatio: string | undefined;
  defaultResolution: string | undefined;
  audio: AudioSupport;
  audioDefault: boolean;
};

const FALLBACK_TIERS = ['480p', '720p', '1080p'];

/**
 * The union of what the considered offerings accept. `provider` is `'auto'` (every provider of the model) or
 * one provider id. Offerings that cannot do `mode` are left out unless none can, so the controls never go
 * empty; the gateway snaps or rejects what a provider cannot do, and the dry run shows it.
 */
export function controlOptions(card: ModelCard, provider: string, mode: VideoMode): ControlOptions {
  const pinned =
    provider === 'auto' ? card.providers : card.providers.filter((entry) => entry.provider === provider);
  const considered = pinned.length > 0 ? pinned : card.providers;
  const modes = unique(considered.flatMap((entry) => entry.capabilities.modes));
  const forMode = considered.filter((entry) => entry.capabilities.modes.includes(mode));
  const offerings = (forMode.length > 0 ? forMode : considered).map((entry) => entry.capabilities);

  const aspectRatios = unique(offerings.flatMap(ratiosOf)).sort(compareRatios);
  const resolutions = unique(offerings.flatMap(tiersOf)).sort(compareTiers);
  const sizes = uniqueBy(offerings.flatMap(sizesOf), (size) => size.value).sort(
    (a, b) => compareTiers(a.tier, b.tier) || compareRatios(a.aspectRatio, b.aspectRatio),
  );
  const durations = unique(offerings.flatMap((capabilities) => capabilities.duration.values)).sort(
    (a, b) => a - b,
  );
  const first = offerings[0];
  const audioFields = offerings.filter((capabilities) => capabilities.audio?.field !== undefined);
  const withAudio = offerings.filter((capabilities) => capabilities.audio);
  return {
    modes: sortModes(modes),
    aspectRatios,
    resolutions,
    sizes,
    durations,
    defaultDuration: first?.duration.default ?? durations[0] ?? 5,
    defaultAspectRatio: first ? defaultRatioOf(first) : undefined,
    defaultResolution: first ? defaultTierOf(first) : undefined,
    audio: audioFields.length > 0 ? 'optional' : withAudio.length > 0 ? 'always' : 'never',
    audioDefault: (audioFields[0] ?? withAudio[0])?.audio?.default ?? false,
  };
}

/** The providers of a model that can do a mode, for the provider control. */
export function providersFor(card: ModelCard, mode: VideoMode): ProviderCard[] {
  return card.providers.filter((entry) => entry.capabilities.modes.includes(mode));
}

function ratiosOf(capabilities: Capabilities): string[] {
  const size = capabilities.size;
  if (size.kind === 'grid') return size.aspectRatios;
  if (size.kind === 'list') return size.options.map((option) => ratioOfSize(option.width, option.height));
  return [...FALLBACK_RATIOS];
}

function tiersOf(capabilities: Capabilities): string[] {
  const size = capabilities.size;
  if (size.kind === 'grid') return size.tiers;
  if (size.kind === 'list') return size.options.map((option) => option.tier);
  return FALLBACK_TIERS;
}

function sizesOf(capabilities: Capabilities): SizeChoice[] {
  if (capabilities.size.kind !== 'list') return [];
  return capabilities.size.options.map((option) => {
    const aspectRatio = ratioOfSize(option.width, option.height);
    return {
      value: `${option.width}x${option.height}`,
      label: `${option.width}×${option.height} (${option.tier} ${orientationOf(option.width, option.height)})`,
      tier: option.tier,
      aspectRatio,
    };
  });
}

function defaultRatioOf(capabilities: Capabilities): string | undefined {
  const size = capabilities.size;
  if (size.kind === 'grid') return size.default.aspectRatio;
  return ratioOfSize(size.default.width, size.default.height);
}

function defaultTierOf(capabilities: Capabilities): string | undefined {
  const size = capabilities.size;
  if (size.kind === 'grid') return size.default.tier;
  if (size.kind === 'list') {
    const { width, height } = size.default;
    return size.options.find((option) => option.width === width && option.height === height)?.tier;
  }
  return undefined;
}

function sortModes(modes: VideoMode[]): VideoMode[] {
  const order: VideoMode[] = ['text-to-video', 'image-to-video'];
  return order.filter((mode) => modes.includes(mode));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function uniqueBy<T>(values: T[], key: (value: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}
