import { type PollResult, ReelayError, type WebhookEvent, type WebhookRequest } from '@reelay/core';
import { WebhookVerificationError } from '@reelay/provider-utils';
import type { EngineContext } from '../engine-context';
import type { ProviderWebhookResult } from '../engine-types';
import { NotFoundError } from '../errors';
import { linkActiveSpanToJob } from '../observability/tracing';
import { logProviderWebhook } from '../observability/webhook-log';

/**
 * A provider's webhook delivery, verified and decoded by its plugin, applied to the job it names. A delivery
 * carrying the job's state hands it to the tracker, which applies it at once in place of a poll (so it never
 * races a poll of the same job); one carrying only an id makes the job due for an immediate poll. Repeats
 * and events about finished or unknown jobs change nothing.
 */
export async function receiveProviderWebhook(
  ctx: EngineContext,
  providerId: string,
  request: WebhookRequest,
): Promise<ProviderWebhookResult> {
  const provider = ctx.registry.providers.get(providerId);
  if (!provider?.parseWebhook) {
    const takers = [...ctx.registry.providers.values()]
      .filter((each) => each.parseWebhook)
      .map((each) => each.id);
    throw new NotFoundError(
      `No configured provider '${providerId.slice(0, 40)}' takes webhooks here. Providers that do: ${takers.join(', ') || 'none'}.`,
      'unknown_provider',
      'provider',
    );
  }
  let event: WebhookEvent | undefined;
  try {
    event = await provider.parseWebhook(request);
  } catch (error) {
    if (!WebhookVerificationError.isInstance(error)) throw error;
    ctx.metrics.providerWebhooks({ provider: provider.id, outcome: 'invalid_signature' });
    throw new ReelayError({
      status: 401,
      type: 'invalid_request_error',
      code: 'invalid_webhook_signature',
      message: `${provider.name} webhook refused: ${error.message}`,
    });
  }
  const result = (
    outcome: ProviderWebhookResult['outcome'],
    job: { id: string; requestId: string | null } | null = null,
  ) => {
    ctx.metrics.providerWebhooks({ provider: provider.id, outcome });
    const answer = {
      outcome,
      provider: provider.id,
      upstreamId: event?.upstreamId ?? null,
      videoId: job?.id ?? null,
    };
    logProviderWebhook(ctx, answer, job?.requestId ?? null);
    return answer;
  };
  if (event === undefined) return result('ignored');
  const job = await ctx.store.byUpstreamId(provider.id, event.upstreamId);
  if (!job) return result('unknown_job');
  linkActiveSpanToJob(job.traceParent, { 'reelay.job.id': job.id, 'reelay.provider': provider.id });
  if (job.deletedAt !== null || (job.state !== 'submitted' && job.state !== 'in_progress')) {
    return result('already_final', job);
  }
  // Sharing the database, the lease moves here, where the news is: this instance applies it now, and the
  // previous holder drops the job at its next step. A step already running there ends in a compare-and-set
  // that only one of the two wins, so the job is finished once.
  if (ctx.leases && job.leaseOwner !== ctx.leases.instanceId && !(await ctx.leases.take(job.id))) {
    return result('already_final', job);
  }
  if (event.result && !endsBefore(ctx.pushedResults.get(job.id), event.result)) {
    ctx.pushedResults.set(job.id, event.result);
  }
  ctx.scheduler.schedule(job.id, provider.id, ctx.now());
  return result(event.result ? 'accepted' : 'poll_scheduled', job);
}

/**
 * Deliveries arrive out of order (a provider retries a late 'started' after 'completed'): one still waiting that
 * ends the job is kept over a later one that says it still runs, which would hide the end until the next poll.
 */
function endsBefore(waiting: PollResult | undefined, incoming: PollResult): boolean {
  const ends = (result: PollResult) => result.status === 'succeeded' || result.status === 'failed';
  return waiting !== undefined && ends(waiting) && !ends(incoming);
}
