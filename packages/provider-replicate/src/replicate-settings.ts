import { providerSettingsFields, standardWebhookSecretField } from '@reelay/provider-utils';
import { z } from 'zod';

export const webhookEvents = ['start', 'output', 'logs', 'completed'] as const;

/** Settings as the gateway config gives them; validated before `createReplicate`. */
export const replicateSettingsSchema = z
  .object({
    ...providerSettingsFields,
    /**
     * Standard Webhooks secret (`whsec_…`) for `parseWebhook`, from `GET /v1/webhooks/default/secret`.
     * Default: the `REPLICATE_WEBHOOK_SECRET` environment variable, read at call time.
     */
    webhookSecret: standardWebhookSecretField,
    /** HTTPS URL Replicate should POST prediction updates to. Default: none, and jobs are only polled. */
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Which updates are delivered to `webhookUrl`. Default `['completed']`. */
    webhookEventsFilter: z.array(z.enum(webhookEvents)).min(1).optional(),
  })
  .strict();

/**
 * `apiKey` (default: `REPLICATE_API_TOKEN`, read at call time, sent as `Authorization: Bearer <token>`), `baseURL`
 * (including `/v1`; default: `REPLICATE_BASE_URL`, else `https://api.replicate.com/v1`; credentials go to this
 * origin only), `headers`, `timeouts` (connect 10 s, headers 60 s, body 300 s), `webhookSecret`, `webhookUrl`,
 * `webhookEventsFilter`.
 */
export type ReplicateProviderSettings = z.input<typeof replicateSettingsSchema>;
