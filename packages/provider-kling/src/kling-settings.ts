import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/**
 * The `kling` section of a gateway config file. Credentials: `apiKey` (sent as the Bearer token as is), or the
 * `accessKey` and `secretKey` pair Kling hands out, from which a short-lived HS256 JWT is signed.
 */
export const klingSettingsSchema = z
  .object({
    ...providerSettingsFields,
    accessKey: z.string().trim().min(1).optional(),
    secretKey: z.string().trim().min(1).optional(),
  })
  .strict();

export type KlingProviderSettings = z.input<typeof klingSettingsSchema>;
