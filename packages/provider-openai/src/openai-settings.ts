import { providerSettingsFields, standardWebhookSecretField } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `openai` plugin's settings, validated before `createOpenAI` sees them. */
export const settingsSchema = z.strictObject({
  ...providerSettingsFields,
  webhookSecret: standardWebhookSecretField,
});
