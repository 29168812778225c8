import { providerSettingsFields, standardWebhookSecretField } from '@reelay/provider-utils';
import { z } from 'zod';

export const webhookEvents = ['start', 'output', 'logs', 'completed'] as const;

/** Settings as the gateway config gives them; validated before `createReplicate`. */
export const replicateSettingsSchema = z
  .object({
    ...providerSettingsFields,
    webhookSecret: standardWebhookSecretField,
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    webhookEventsFilter: z.array(z.enum(webhookEvents)).min(1).optional(),
  })
  .strict();
