import { z } from 'zod';

/** The `fal` section of a gateway config file, validated before `createFal` sees it. */
export const falSettingsSchema = z
  .object({
    apiKey: z.string().min(1).optional(),
    baseURL: z.url({ protocol: /^https?$/ }).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    timeouts: z
      .object({
        connectMs: z.number().int().positive().optional(),
        headersMs: z.number().int().positive().optional(),
        bodyMs: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();
