import { z } from 'zod';

/** The body of `POST /v1/videos/{id}/remix`: the new prompt for a finished video. */
export const remixVideoRequestSchema = z.object({
  prompt: z.string().min(1, 'must not be empty').max(32_000, 'must be at most 32000 characters'),
});
export type RemixVideoRequest = z.infer<typeof remixVideoRequestSchema>;
