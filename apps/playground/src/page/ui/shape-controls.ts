import type { ControlOptions } from '../lib/control-options';
import type { FormState } from '../lib/form-state';
import type { ModelCard, ProviderCard } from '../lib/wire-types';
import { byId, setOptions } from './dom';

export type ShapeElements = {
  provider: HTMLSelectElement;
  aspectRatio: HTMLSelectElement;
  resolution: HTMLSelectElement;
  size: HTMLSelectElement;
  sizeControl: HTMLElement;
  seconds: HTMLSelectElement;
  audio: HTMLInputElement;
  audioControl: HTMLElement;
  audioNote: HTMLElement;
  hint: HTMLElement;
};

export function shapeElements(): ShapeElements {
  return {
    provider: byId('provider', HTMLSelectElement),
    aspectRatio: byId('aspect-ratio', HTMLSelectElement),
    resolution: byId('resolution', HTMLSelectElement),
    size: byId('size', HTMLSelectElement),
    sizeControl: byId('size-control', HTMLElement),
    seconds: byId('seconds', HTMLSelectElement),
    audio: byId('audio', HTMLInputElement),
    audioControl: byId('audio-control', HTMLElement),
    audioNote: byId('audio-note', HTMLElement),
    hint: byId('shape-hint', HTMLElement),
  };
}

/** Fills every shape control with only what the model (and pinned provider) supports. */
export function renderShapeControls(
  elements: ShapeElements,
  card: ModelCard | undefined,
  providers: ProviderCard[],
  options: ControlOptions,
  form: FormState,
): void {
  setOptions(
    elements.provider,
    [
      { value: 'auto', label: 'Auto: cheapest healthy provider' },
      ...providers.map((provider) => ({
        value: provider.provider,
        label: `${provider.provider}${provider.price ? ` (${provider.price.display})` : ''}`,
      })),
    ],
    form.provider,
  );
  elements.provider.disabled = card === undefined;

  const byDefault = (value: string | undefined) => (value ? `Default (${value})` : 'Default');
  setOptions(
    elements.aspectRatio,
    [
      { value: '', label: byDefault(options.defaultAspectRatio) },
      ...options.aspectRatios.map((ratio) => ({ value: ratio, label: ratio })),
    ],
    form.aspectRatio,
  );
  setOptions(
    elements.resolution,
    [
      { value: '', label: byDefault(options.defaultResolution) },
      ...options.resolutions.map((tier) => ({ value: tier, label: tier })),
    ],
    form.resolution,
  );
  elements.sizeControl.hidden = options.sizes.length === 0;
  setOptions(
    elements.size,
    [
      { value: '', label: 'None' },
      ...options.sizes.map((size) => ({ value: size.value, label: size.label })),
    ],
    form.size,
  );
  const sizeWins = form.size !== '';
  elements.aspectRatio.disabled = sizeWins;
  elements.resolution.disabled = sizeWins;

  setOptions(
    elements.seconds,
    options.durations.map((seconds) => ({ value: String(seconds), label: `${seconds} s` })),
    String(form.seconds ?? options.defaultDuration),
  );

  elements.audio.disabled = options.audio !== 'optional';
  elements.audio.checked =
    options.audio === 'always' || (options.audio === 'optional' && (form.audio ?? options.audioDefault));
  elements.audioNote.textContent =
    options.audio === 'optional'
      ? `on by default: ${options.audioDefault ? 'yes' : 'no'}`
      : options.audio === 'always'
        ? 'always on for this model'
        : 'this model makes silent video';

  elements.hint.textContent = sizeWins
    ? 'An exact size wins over aspect ratio and resolution.'
    : 'Anything a provider cannot do exactly is snapped to the nearest option; the dry run below shows how.';
}
