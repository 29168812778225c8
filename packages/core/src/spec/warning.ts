import { z } from 'zod';

/**
 * A non-fatal note about a request: something was changed, ignored or is about to stop working.
 * Warnings travel with the job and are shown to the user in `metadata.warnings`.
 */
export const videoWarningSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unsupported'), feature: z.string(), details: z.string().optional() }),
  z.object({ type: z.literal('compatibility'), feature: z.string(), details: z.string().optional() }),
  z.object({ type: z.literal('deprecated'), setting: z.string(), message: z.string() }),
  z.object({ type: z.literal('other'), message: z.string() }),
]);
export type VideoWarning = z.infer<typeof videoWarningSchema>;
