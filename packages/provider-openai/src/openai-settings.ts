import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `openai` section of a gateway config, validated before `createOpenAI` sees it. */
export const settingsSchema = z.strictObject({
  ...providerSettingsFields,
  webhookSecret: z.string().min(1).optional(),
});
