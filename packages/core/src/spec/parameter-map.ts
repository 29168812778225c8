/**
 * How one public parameter reaches the provider:
 * - `passthrough`: sent as is, under the same name;
 * - `renamed`: sent under another name (`seconds` → `duration`);
 * - `converted`: changed in form (`1280x720` → `aspect_ratio` + `resolution`, `8` → `"8s"`);
 * - `emulated`: done by the gateway (`n`, output format);
 * - `unsupported`: the provider has no such thing; it is dropped with a warning.
 */
export type ParameterRule =
  | { how: 'passthrough' }
  | { how: 'renamed'; to: string }
  | { how: 'converted'; to: string[] }
  | { how: 'emulated' }
  | { how: 'unsupported' };

/** Public parameter name → rule. Parameters not listed here and not provider-only pass straight through. */
export type ParameterMap = Record<string, ParameterRule>;
