import type { DurationCapability } from '../spec/capabilities';
import type { JsonValue } from '../spec/json-value';
import { pickNearest } from './tier';

export type DurationMatch = { seconds: number; wire: JsonValue; snapped: boolean };

/**
 * The nearest supported duration. A tie goes to the longer one: asked 6 s where 4 and 8 exist gives 8,
 * so the user never gets less video than asked for.
 */
export function matchDuration(capability: DurationCapability, requested: number | undefined): DurationMatch {
  const seconds =
    requested === undefined
      ? capability.default
      : pickNearest(
          capability.values,
          (value) => Math.abs(value - requested),
          (value) => value,
        );
  return {
    seconds,
    wire: formatDuration(seconds, capability.format),
    snapped: requested !== undefined && seconds !== requested,
  };
}

export function formatDuration(seconds: number, format: DurationCapability['format']): JsonValue {
  switch (format) {
    case 'integer':
      return Math.round(seconds);
    case 'string':
      return String(seconds);
    case 'string-with-s':
      return `${seconds}s`;
  }
}

/** `durationRange(2, 15)` → `[2, 3, …, 15]`, for capabilities declared as a range. */
export function durationRange(min: number, max: number, step = 1): number[] {
  const values: number[] = [];
  for (let value = min; value <= max + 1e-9; value += step) values.push(Math.round(value * 1000) / 1000);
  return values;
}
