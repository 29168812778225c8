import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `google` section of a gateway config file, validated before `createGoogle` sees it. */
export const googleSettingsSchema = z
  .object({
    ...providerSettingsFields,
    /**
     * Origins on private or loopback addresses that downloads may be redirected to (a simulator's storage).
     * Public storage hosts need no entry. Default: none.
     */
    downloadOrigins: z.array(z.url({ protocol: /^https?$/ })).optional(),
  })
  .strict();

export type GoogleProviderSettings = z.input<typeof googleSettingsSchema>;
