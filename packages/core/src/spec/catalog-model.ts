import { z } from 'zod';

const catalogId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'must be a lowercase id such as `sora-2-pro` or `fal` (letters, digits, `.`, `-`, `_`)',
  );

/** `YYYY-MM-DD`, a real calendar day. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)')
  .refine(isCalendarDate, 'must be a real calendar date (YYYY-MM-DD)');

export const lifecycleStatusSchema = z.enum(['active', 'deprecated', 'retired']);
export type LifecycleStatus = z.infer<typeof lifecycleStatusSchema>;

export const lifecycleSchema = z.strictObject({
  status: lifecycleStatusSchema,
  /** ISO date the maker announced the deprecation. */
  deprecatedAt: isoDateSchema.optional(),
  /** ISO date the model stops (or stopped) working upstream. */
  retiredAt: isoDateSchema.optional(),
  /** Catalog ids to move to; each must exist in the catalog. Default none. */
  successors: z.array(catalogId).default([]),
  note: z.string().trim().min(1).optional(),
});
export type Lifecycle = z.infer<typeof lifecycleSchema>;

/** The model card: what the model is, independent of who serves it. */
export const catalogModelSchema = z.strictObject({
  /** Catalog id (`sora-2-pro`), shared across providers. */
  id: catalogId,
  name: z.string().trim().min(1),
  /** Who made it (`openai`, `google`). */
  creator: catalogId,
  family: catalogId,
  tags: z.array(z.string().min(1)).default([]),
  /** Default: active. */
  lifecycle: lifecycleSchema.default({ status: 'active', successors: [] }),
});
export type CatalogModel = z.infer<typeof catalogModelSchema>;

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
