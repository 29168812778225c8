import { z } from 'zod';
import { wirePathSchema } from './wire-path';

/**
 * How one public parameter reaches the provider:
 * - `passthrough`: sent as is, under the same name;
 * - `renamed`: sent under another name or wire path (`seconds` → `duration`, `seed` → `parameters.seed`);
 * - `converted`: changed in form (`1280x720` → `aspect_ratio` + `resolution`, `8` → `"8s"`);
 * - `emulated`: done by the gateway (`n`, output format);
 * - `unsupported`: the provider has no such thing; it is dropped with a warning.
 */
export const parameterRuleSchema = z.discriminatedUnion('how', [
  z.strictObject({ how: z.literal('passthrough') }),
  z.strictObject({ how: z.literal('renamed'), to: wirePathSchema }),
  z.strictObject({ how: z.literal('converted'), to: z.array(wirePathSchema).min(1) }),
  z.strictObject({ how: z.literal('emulated') }),
  z.strictObject({ how: z.literal('unsupported') }),
]);
export type ParameterRule = z.infer<typeof parameterRuleSchema>;

/** Public parameter name → rule. Parameters not listed here and not provider-only pass straight through. */
export const parameterMapSchema = z.record(z.string().min(1), parameterRuleSchema);
export type ParameterMap = z.infer<typeof parameterMapSchema>;
