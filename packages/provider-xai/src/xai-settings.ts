import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

/** The `xai` section of a gateway config file, validated before `createXai` sees it. */
export const xaiSettingsSchema = z.object({ ...providerSettingsFields }).strict();

export type XaiProviderSettings = z.input<typeof xaiSettingsSchema>;
