import { z } from 'zod';

/**
 * The settings every provider plugin takes, as zod fields to spread into its own strict settings schema:
 * `z.strictObject({ ...providerSettingsFields, webhookSecret: … })`.
 */
export const providerSettingsFields = {
  apiKey: z.string().min(1).optional(),
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().positive().optional(),
      headersMs: z.number().int().positive().optional(),
      bodyMs: z.number().int().positive().optional(),
    })
    .optional(),
};
