import { videoOfferingSchema } from '@reelay/core';
import { z } from 'zod';

/**
 * An offering an operator adds in the config file: a model a provider serves that this release of its plugin
 * does not list yet. Core's offering schema plus the provider that serves it; the plugin's adapter sends it
 * like its own.
 */
export const extraOfferingSchema = videoOfferingSchema.extend({
  /** Provider id that serves it (`fal`, `replicate`, `openai`). */
  provider: z.string().min(1),
});

export type ExtraOffering = z.output<typeof extraOfferingSchema>;
