import { type CreateVideoRequest, type DryRunResult, type DryRunRoute, formatDimensions } from '@reelay/core';
import { microsToUsdString } from '@reelay/pricing';
import type { EngineContext } from '../engine-context';
import type { RequestContext } from '../engine-types';
import { pricedPlan } from '../keys/budget-guard';
import { deprecationOf } from '../router/lifecycle';
import { planRoute, type RouteCandidate, type RoutePlan } from '../router/plan-route';
import { toStoredRequest } from '../router/stored-request';
import { checkWebhookUrl } from '../webhooks/check-webhook-url';
import { loadRequestImages, loadSourceVideo, requestShape } from './request-inputs';
import { validateRequest } from './validate-request';

/** Routes, matches and prices a request exactly as `createVideo` would, and stops before storing anything. */
export async function dryRun(
  ctx: EngineContext,
  input: CreateVideoRequest,
  context: RequestContext,
): Promise<DryRunResult> {
  const request = validateRequest(input);
  const stored = toStoredRequest(request);
  const source = request.source ? await loadSourceVideo(ctx, request.source.video, context) : undefined;
  const plan = pricedPlan(planRoute(ctx, stored, requestShape(request, source)), context);
  await checkWebhookUrl(ctx, stored.webhook_url);
  await loadRequestImages(ctx, request);
  const n = stored.n ?? 1;
  const first = plan.candidates[0]!;
  return {
    object: 'video.dry_run',
    model: plan.modelId,
    requested_model: plan.requestedModel,
    n,
    sandbox: ctx.settings.sandbox,
    route: plan.candidates.map((candidate, index) => toRoute(plan, candidate, index)),
    chosen: first.offering.id,
    skipped: plan.skipped,
    allow_fallbacks: plan.allowFallbacks,
    cost_estimate: first.quote
      ? { usd: microsToUsdString(first.quote.micros * n), micros: first.quote.micros * n }
      : null,
    warnings: plan.warnings,
    deprecation: deprecationOf(plan.lifecycle),
  };
}

function toRoute(plan: RoutePlan, candidate: RouteCandidate, index: number): DryRunRoute {
  const { normalized, quote } = candidate;
  return {
    provider: candidate.offering.provider,
    offering: candidate.offering.id,
    upstream_model: normalized.upstreamModel,
    healthy: candidate.healthy,
    quote: quote
      ? {
          usd: quote.usd,
          micros: quote.micros,
          per_unit_micros: quote.perUnitMicros,
          unit: quote.unit,
          estimated: quote.estimated,
          as_of: quote.asOf,
        }
      : null,
    quote_problem: candidate.quoteProblem ?? null,
    size: formatDimensions(normalized.dimensions),
    seconds: normalized.seconds,
    audio: normalized.audio,
    normalization: normalized.report,
    warnings: [...plan.warnings, ...normalized.warnings],
    reason: reasonFor(plan, candidate, index),
  };
}

function reasonFor(plan: RoutePlan, candidate: RouteCandidate, index: number): string {
  const position = index === 0 ? 'tried first' : `fallback ${index}`;
  const why = !candidate.healthy
    ? 'circuit open, so after healthy providers'
    : plan.preferred.includes(candidate.offering.provider)
      ? 'listed in provider.order'
      : candidate.quote === undefined
        ? 'no catalog price, so after priced offerings'
        : index === 0
          ? 'cheapest quote'
          : 'next cheapest quote';
  const skipped = index > 0 && !plan.allowFallbacks ? ' (not tried: allow_fallbacks is false)' : '';
  return `${position}: ${why}${skipped}`;
}
