import type { VideoCapabilities, VideoMode } from './capabilities';
import type { ParameterMap } from './parameter-map';

/**
 * One catalog model as served by one provider: `sora-2-pro` at fal, say.
 * Everything here is data, so the gateway can route, match and explain without calling the provider.
 */
export type VideoOffering = {
  /** The catalog model id, shared across providers (`sora-2-pro`, `veo-3.1`). */
  model: string;
  /** The provider's own model or endpoint id per mode (fal has separate T2V and I2V endpoints). */
  upstream: Partial<Record<VideoMode, string>>;
  capabilities: VideoCapabilities;
  /** How each public parameter reaches the provider. */
  parameters: ParameterMap;
  /**
   * Parameters only this provider understands (`openai_api_key`, `character_ids`). A request that uses one
   * is routed only to offerings that declare it.
   */
  providerParameters: string[];
  /**
   * Parameters that carry the user's own credential for the provider (`openai_api_key` at Replicate). The
   * gateway routes them like provider parameters, sends them to this provider and nowhere else, keeps them
   * encrypted only until the submit is acknowledged, and shows `"[redacted]"` wherever it reports them.
   * Undefined: none.
   */
  secretParameters?: string[] | undefined;
};

/** An offering together with the provider that serves it. */
export type ProviderOffering = VideoOffering & {
  /** The provider id (`openai`, `fal`, `replicate`). */
  provider: string;
  /** `provider/model`, unique across the registry. */
  id: string;
};
