import { z } from 'zod';

/** A segment name: anything but the path syntax itself. */
const NAME = String.raw`[^.\[\]\s]+`;
const SEGMENT = String.raw`${NAME}(\[\d+\])*`;
const WIRE_PATH = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*$`);

/**
 * Where a value goes in the upstream JSON body: a flat field (`duration`), or a path into nested objects and
 * arrays (`parameters.aspectRatio`, `instances[0].image`). The normalization report uses the same path.
 */
export const wirePathSchema = z
  .string()
  .regex(
    WIRE_PATH,
    'must be a field name or a path such as "parameters.aspectRatio" or "instances[0].image"',
  );
export type WirePath = z.infer<typeof wirePathSchema>;
