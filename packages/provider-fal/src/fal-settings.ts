import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `fal` section of a gateway config file, validated before `createFal` sees it. */
export const falSettingsSchema = z
  .object({
    ...providerSettingsFields,
    /** Where fal should POST when a request ends; added to every submit as `?fal_webhook=`. Default: none. */
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** fal's webhook signing keys. Default `https://rest.fal.ai/.well-known/jwks.json`. */
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * fal's platform API, where `findSubmission` lists requests by endpoint (the key goes there too). Default:
     * `FAL_PLATFORM_BASE_URL`, else `https://api.fal.ai/v1` for fal's own queue, else `/v1` on the queue's origin.
     */
    platformBaseURL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

/**
 * `apiKey` (default: `FAL_KEY`, read at call time, sent as `Authorization: Key <key>`), `baseURL` (the queue; default
 * `FAL_QUEUE_BASE_URL`, else `https://queue.fal.run`; the key goes to this origin only), `headers`
 * (`x-fal-queue-priority`, …), `timeouts`, `webhookUrl`, `jwksUrl`.
 */
export type FalProviderSettings = z.input<typeof falSettingsSchema>;
