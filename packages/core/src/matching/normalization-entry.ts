import type { JsonObject, JsonValue } from '../spec/json-value';

export type NormalizationAction =
  | 'passthrough'
  | 'renamed'
  | 'converted'
  | 'emulated'
  | 'snapped'
  | 'dropped'
  /** Not asked; the model's default was sent. */
  | 'defaulted';

/** One line of the normalization report: what was asked, what will be sent, and how. */
export type NormalizationEntry = {
  param: string;
  requested: JsonValue;
  /** Upstream fields sent for this parameter; `null` when nothing is sent (dropped or emulated). */
  sent: JsonObject | null;
  action: NormalizationAction;
  note?: string;
};

/** What the normalization report, errors and answers show in place of a secret parameter's value. */
export const REDACTED = '[redacted]';
