import { z } from 'zod';

export const webhookEvents = ['start', 'output', 'logs', 'completed'] as const;

/** Settings as the gateway config gives them; validated before `createReplicate`. */
export const replicateSettingsSchema = z
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
    webhookSecret: z.string().startsWith('whsec_').optional(),
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    webhookEventsFilter: z.array(z.enum(webhookEvents)).min(1).optional(),
  })
  .strict();
