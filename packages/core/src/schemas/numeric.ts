import { z } from 'zod';

/** A number, or a string holding one: multipart forms and OpenAI's SDK send `seconds: "8"`. */
export const numberLike = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'expected a number such as 8 or "8"')
    .transform(Number),
]);

/** A duration in seconds: a number, `"8"`, or `"8s"` as fal and Luma write durations. */
export const secondsLike = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?\s*s?$/i, 'expected seconds such as 8, "8" or "8s"')
    .transform((value) => Number.parseFloat(value)),
]);

/** A boolean, or `"true"`/`"false"` as multipart forms send it. */
export const booleanLike = z.union([
  z.boolean(),
  z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1'),
]);
