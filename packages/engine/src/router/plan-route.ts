import {
  InvalidRequestError,
  type Lifecycle,
  matchRequest,
  type NormalizedRequest,
  NoSuchProviderError,
  type ProviderOffering,
  ReelayError,
  type Registry,
  UnsupportedCapabilityError,
  type VideoProvider,
  type VideoWarning,
} from '@reelay/core';
import { type Catalog, type Quote, quote } from '@reelay/pricing';
import { canTakeMedia } from '../images';
import { secretValuesIn } from '../secrets/request-secrets';
import type { StoredRequest } from '../store';
import type { CircuitBreakers } from './circuit-breaker';
import type { InputShape } from './input-shape';
import { deprecationWarning } from './lifecycle';
import { toMatchInput } from './stored-request';

export type RouteCandidate = {
  offering: ProviderOffering;
  provider: VideoProvider;
  normalized: NormalizedRequest;
  /** Price of one video; `undefined` when the catalog has no price for it (the offering is tried last). */
  quote: Quote | undefined;
  /** Why there is no quote. */
  quoteProblem: string | undefined;
  healthy: boolean;
};

export type SkippedOffering = { provider: string; offering: string; reason: string };

export type RoutePlan = {
  modelId: string;
  requestedModel: string;
  /** Capable offerings, best first: healthy, then `provider.order`, then cheapest. */
  candidates: RouteCandidate[];
  skipped: SkippedOffering[];
  allowFallbacks: boolean;
  /** `provider.order`, as asked. */
  preferred: string[];
  lifecycle: Lifecycle | undefined;
  /** Deprecation notes that apply whoever serves the job. */
  warnings: VideoWarning[];
  /** Values of the request's secret parameters, blanked out of any error text a provider may echo them in. */
  secretValues: string[];
  /** The request's parameters with no meaning to Reelay (sent as given): a provider refusing one is the user's error. */
  userParameters: string[];
};

export type RouteDependencies = {
  registry: Registry;
  catalog: Catalog;
  breakers: CircuitBreakers;
  now: () => number;
};

/**
 * Every offering that can honour the request, ordered by policy. Throws (400/404) when none can, naming each
 * offering and why.
 */
export function planRoute(deps: RouteDependencies, request: StoredRequest, inputs: InputShape): RoutePlan {
  const resolved = deps.registry.resolve(request.model);
  const preferences = request.provider ?? {};
  const configured = [...deps.registry.providers.keys()];
  for (const field of ['only', 'order'] as const) {
    for (const name of preferences[field] ?? []) {
      if (!deps.registry.providers.has(name)) {
        throw new NoSuchProviderError({
          providerId: name,
          available: configured,
          param: `provider.${field}`,
        });
      }
    }
  }
  const providerOnly = Object.keys(request.extra).filter((key) => deps.registry.providerParameters.has(key));
  const lifecycle = resolved.card?.lifecycle;
  const input = toMatchInput(request, inputs);
  const at = new Date(deps.now());

  const candidates: RouteCandidate[] = [];
  const skipped: SkippedOffering[] = [];
  let firstCapabilityError: UnsupportedCapabilityError | undefined;
  let firstUrlOnly: string | undefined;
  for (const offering of resolved.candidates) {
    const skip = (reason: string) =>
      skipped.push({ provider: offering.provider, offering: offering.id, reason });
    if (preferences.only && !preferences.only.includes(offering.provider)) {
      skip('not in provider.only');
      continue;
    }
    if (preferences.ignore?.includes(offering.provider)) {
      skip('in provider.ignore');
      continue;
    }
    const missing = providerOnly.filter(
      (key) => !offering.providerParameters.includes(key) && !offering.secretParameters?.includes(key),
    );
    if (missing.length > 0) {
      skip(`does not take ${missing.join(', ')} (a parameter only some providers have)`);
      continue;
    }
    let normalized: NormalizedRequest;
    try {
      normalized = matchRequest(offering, input);
    } catch (error) {
      if (!UnsupportedCapabilityError.isInstance(error)) throw error;
      firstCapabilityError ??= error;
      skip(error.message);
      continue;
    }
    const urlOnly = fileNeedingUrl(offering, inputs);
    if (urlOnly !== undefined) {
      firstUrlOnly ??= urlOnly;
      skip(`takes ${urlOnly} only as a URL; send an https URL instead of a file or data URI`);
      continue;
    }
    let priced: Quote | undefined;
    let quoteProblem: string | undefined;
    try {
      priced = quote(deps.catalog, {
        provider: offering.provider,
        model: offering.model,
        tier: normalized.tier,
        seconds: normalized.seconds,
        audio: normalized.audio,
        at,
      });
    } catch (error) {
      if (!ReelayError.isInstance(error)) throw error;
      quoteProblem = error.message;
    }
    candidates.push({
      offering,
      provider: deps.registry.provider(offering.provider),
      normalized,
      quote: priced,
      quoteProblem,
      healthy: deps.breakers.isHealthy(offering.provider),
    });
  }

  if (candidates.length === 0) throw noCandidate(request.model, skipped, firstCapabilityError, firstUrlOnly);

  const order = preferences.order ?? [];
  const rank = (candidate: RouteCandidate) => {
    const index = order.indexOf(candidate.offering.provider);
    return index < 0 ? order.length : index;
  };
  const sorted = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        Number(!a.candidate.healthy) - Number(!b.candidate.healthy) ||
        rank(a.candidate) - rank(b.candidate) ||
        Number(a.candidate.quote === undefined) - Number(b.candidate.quote === undefined) ||
        (a.candidate.quote?.micros ?? 0) - (b.candidate.quote?.micros ?? 0) ||
        a.index - b.index,
    )
    .map(({ candidate }) => candidate);

  const warning = deprecationWarning(resolved.modelId, lifecycle);
  const userParameters = Object.keys(request.extra);
  return {
    modelId: resolved.modelId,
    requestedModel: request.model,
    candidates: sorted,
    skipped,
    allowFallbacks: preferences.allow_fallbacks !== false,
    preferred: order,
    lifecycle,
    warnings: [
      ...(warning ? [warning] : []),
      ...undeclaredWarnings(resolved.modelId, userParameters, sorted),
    ],
    secretValues: secretValuesIn(deps.registry.secretParameters, request.extra),
    userParameters,
  };
}

/**
 * Parameters no candidate declares are passed through on trust: a provider that does not know one may refuse
 * the whole request. Said before submitting, so a dry run and a create agree on what will happen.
 */
function undeclaredWarnings(model: string, params: string[], candidates: RouteCandidate[]): VideoWarning[] {
  const declared = (offering: ProviderOffering, param: string) =>
    offering.parameters[param] !== undefined ||
    offering.providerParameters.includes(param) ||
    (offering.secretParameters ?? []).includes(param);
  return params
    .filter((param) => !candidates.some((candidate) => declared(candidate.offering, param)))
    .map((param) => ({
      type: 'compatibility',
      feature: param,
      details:
        `not a Reelay parameter, and no provider of ${model} declares it: it is sent as is, and a provider that ` +
        'does not know it may ignore it or refuse the request (a refusal is answered as a 400 naming it). ' +
        'Check the spelling, or remove it.',
    }));
}

/** The first input file this offering could take only as a URL, when the request gave it as bytes. */
function fileNeedingUrl(offering: ProviderOffering, inputs: InputShape): string | undefined {
  const capabilities = offering.capabilities;
  const checks = [
    ['input_reference', capabilities.image, inputs.image ? [inputs.image] : []],
    ['last_frame', capabilities.lastFrame, inputs.lastFrame ? [inputs.lastFrame] : []],
    ['reference_images', capabilities.referenceImages, inputs.referenceImages],
    ['video', capabilities.video, inputs.video ? [inputs.video] : []],
  ] as const;
  for (const [param, capability, files] of checks) {
    if (capability && files.some((file) => !canTakeMedia(capability, file))) return param;
  }
  return undefined;
}

function noCandidate(
  model: string,
  skipped: SkippedOffering[],
  capabilityError: UnsupportedCapabilityError | undefined,
  urlOnly: string | undefined,
): ReelayError {
  if (skipped.length === 1 && capabilityError) return capabilityError;
  const reasons = skipped.map((entry) => `${entry.offering}: ${entry.reason}`).join('; ');
  const byPreference = skipped.every(
    (entry) => entry.reason.startsWith('not in provider.') || entry.reason.startsWith('in provider.'),
  );
  return new InvalidRequestError({
    param: byPreference ? 'provider' : (capabilityError?.param ?? urlOnly ?? 'model'),
    code: byPreference ? 'no_provider_allowed' : 'no_capable_provider',
    message: byPreference
      ? `The provider preferences exclude every provider serving ${model} (${reasons}). Loosen provider.only or provider.ignore.`
      : `No provider can serve this request for ${model}. ${reasons}.`,
  });
}
