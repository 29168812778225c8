import type { EngineContext } from '../engine-context';
import type { ProviderWebhookResult } from '../engine-types';
import type { WebhookAttempt } from '../webhooks/webhook-sender';

/** `webhook.delivered`, `webhook.retry` or `webhook.failed`: one line per attempt to a request's `webhook_url`. */
export async function logWebhookAttempt(ctx: EngineContext, attempt: WebhookAttempt): Promise<void> {
  const { delivery } = attempt;
  // The job may be gone (deleted); the line is still written, without the request id.
  const job = await ctx.store.get(delivery.jobId).catch(() => undefined);
  const line = {
    event: `webhook.${attempt.outcome}`,
    request_id: job?.requestId ?? undefined,
    job_id: delivery.jobId,
    webhook_id: delivery.eventId,
    type: delivery.type,
    attempt: delivery.attempts + 1,
    status: attempt.status,
    retry_at: attempt.retryAt === undefined ? undefined : new Date(attempt.retryAt).toISOString(),
  };
  if (attempt.outcome === 'delivered') ctx.log.info(line, `${delivery.type} delivered`);
  else ctx.log.warn(line, `${delivery.type} not delivered: ${attempt.problem ?? 'unknown'}`);
}

/** `provider_webhook.received`: a verified delivery from a provider, and what it led to. */
export function logProviderWebhook(
  ctx: EngineContext,
  result: ProviderWebhookResult,
  requestId: string | null,
): void {
  ctx.log.info(
    {
      event: 'provider_webhook.received',
      request_id: requestId ?? undefined,
      job_id: result.videoId ?? undefined,
      provider: result.provider,
      upstream_id: result.upstreamId ?? undefined,
      outcome: result.outcome,
    },
    `${result.provider} webhook: ${result.outcome}`,
  );
}
