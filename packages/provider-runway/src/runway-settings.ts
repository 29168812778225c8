import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `runway` section of a gateway config file, validated before `createRunway` sees it. */
export const runwaySettingsSchema = z
  .object({
    ...providerSettingsFields,
    /** The `X-Runway-Version` header; Runway requires one on every call. */
    runwayVersion: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an API version date such as 2024-11-06')
      .optional(),
  })
  .strict();

export type RunwayProviderSettings = z.input<typeof runwaySettingsSchema>;
