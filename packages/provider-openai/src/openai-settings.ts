import { providerSettingsFields, standardWebhookSecretField } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `openai` plugin's settings, validated before `createOpenAI` sees them. */
export const openAISettingsSchema = z.strictObject({
  ...providerSettingsFields,
  /**
   * The `whsec_…` secret of the project webhook, to verify `video.completed` / `video.failed` deliveries.
   * Default: the `OPENAI_WEBHOOK_SECRET` environment variable, read when a webhook arrives.
   */
  webhookSecret: standardWebhookSecretField,
});

/**
 * `apiKey` (default: `OPENAI_API_KEY`, read at call time, sent as `Authorization: Bearer <key>`), `baseURL`
 * (default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`; the key goes to this origin only), `headers`
 * (`OpenAI-Organization`, `OpenAI-Project`), `timeouts` (connect 10 s, headers 60 s, body 300 s), `webhookSecret`.
 */
export type OpenAIProviderSettings = z.input<typeof openAISettingsSchema>;
