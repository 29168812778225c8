import { z } from 'zod';

/** An amount in US dollars: a display string (`"$2.40"`) and exact integer micro-USD. */
export const moneySchema = z.object({
  usd: z.string(),
  micros: z.number().int(),
});
export type Money = z.infer<typeof moneySchema>;
