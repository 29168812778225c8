import { z } from 'zod';

/**
 * The settings every provider plugin takes, as zod fields to spread into its own strict settings schema:
 * `z.strictObject({ ...providerSettingsFields, webhookSecret: standardWebhookSecretField })`.
 */
export const providerSettingsFields = {
  apiKey: z.string().min(1).optional(),
  baseURL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.example.com/v1' })
    .optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().positive().optional(),
      headersMs: z.number().int().positive().optional(),
      bodyMs: z.number().int().positive().optional(),
    })
    .optional(),
};

/** A Standard Webhooks signing secret, as OpenAI and Replicate hand them out. Never echoed in errors. */
export const standardWebhookSecretField = z
  .string()
  .trim()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be 'whsec_' followed by base64 (a Standard Webhooks secret)")
  .optional();
