import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `fal` section of a gateway config file, validated before `createFal` sees it. */
export const falSettingsSchema = z
  .object({
    ...providerSettingsFields,
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();
