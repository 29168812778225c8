import { z } from 'zod';

/** The `openai` section of a gateway config, validated before `createOpenAI` sees it. */
export const settingsSchema = z.strictObject({
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
  webhookSecret: z.string().min(1).optional(),
});
