import type { EngineContext } from '../engine-context';

/** Removes outputs past `expires_at` (the job stays, with `metadata.output_expired`) and old idempotency keys. */
export async function sweepExpired(ctx: EngineContext, idempotencyTtlMs: number): Promise<number> {
  const now = ctx.now();
  const expired = await ctx.store.expired(now);
  for (const id of expired) {
    await ctx.files.remove(id);
    await ctx.store.update(id, { outputsRemovedAt: now });
  }
  await ctx.store.purgeIdempotencyKeys(now - idempotencyTtlMs);
  return expired.length;
}
