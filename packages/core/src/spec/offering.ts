import { z } from 'zod';
import { videoCapabilitiesSchema, videoModeSchema } from './capabilities';
import { parameterMapSchema } from './parameter-map';

/**
 * One catalog model as served by one provider: `sora-2-pro` at fal, say.
 * Everything here is data, so the gateway can route, match and explain without calling the provider.
 * The registry validates every offering with this schema when it is built.
 */
export const videoOfferingSchema = z.strictObject({
  /** The catalog model id, shared across providers (`sora-2-pro`, `veo-3.1`). */
  model: z.string().min(1),
  /** The provider's own model or endpoint id per mode (fal has separate T2V and I2V endpoints). */
  upstream: z
    .partialRecord(videoModeSchema, z.string().min(1))
    .refine((value) => Object.keys(value).length > 0, 'must name the upstream id of at least one mode'),
  capabilities: videoCapabilitiesSchema,
  /** How each public parameter reaches the provider. Default: every parameter passes through. */
  parameters: parameterMapSchema.default({}),
  /**
   * Parameters only this provider understands (`openai_api_key`, `character_ids`). A request that uses one
   * is routed only to offerings that declare it. Default none.
   */
  providerParameters: z.array(z.string().min(1)).default([]),
  /**
   * Parameters that carry the user's own credential for the provider (`openai_api_key` at Replicate). The
   * gateway routes them like provider parameters, sends them to this provider and nowhere else, keeps them
   * encrypted only until the submit is acknowledged, and shows `"[redacted]"` wherever it reports them.
   * Undefined: none.
   */
  secretParameters: z.array(z.string().min(1)).optional(),
});
export type VideoOffering = z.infer<typeof videoOfferingSchema>;
/** An offering as written by hand (a plugin's source, a config file): defaults may be left out. */
export type VideoOfferingInput = z.input<typeof videoOfferingSchema>;

/** An offering together with the provider that serves it. */
export const providerOfferingSchema = videoOfferingSchema.extend({
  /** The provider id (`openai`, `fal`, `replicate`). */
  provider: z.string().min(1),
  /** `provider/model`, unique across the registry. */
  id: z.string().min(1),
});
export type ProviderOffering = z.infer<typeof providerOfferingSchema>;
