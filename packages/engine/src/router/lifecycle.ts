import type { Deprecation, Lifecycle, VideoWarning } from '@reelay/core';

export function deprecationOf(lifecycle: Lifecycle | undefined): Deprecation | undefined {
  if (!lifecycle || lifecycle.status === 'active') return undefined;
  const date = lifecycle.status === 'retired' ? lifecycle.retiredAt : lifecycle.deprecatedAt;
  return {
    status: lifecycle.status,
    ...(date ? { date } : {}),
    ...(lifecycle.deprecatedAt ? { deprecated_at: lifecycle.deprecatedAt } : {}),
    ...(lifecycle.retiredAt ? { retired_at: lifecycle.retiredAt } : {}),
    successors: [...lifecycle.successors],
  };
}

/** "sora-2-pro was retired on 2026-09-24; consider veo-3.1 or kling-3." */
export function lifecycleSentence(model: string, lifecycle: Lifecycle): string {
  const successors =
    lifecycle.successors.length > 0 ? ` Consider ${lifecycle.successors.join(' or ')} instead.` : '';
  if (lifecycle.status === 'retired') {
    return `${model} was retired${lifecycle.retiredAt ? ` on ${lifecycle.retiredAt}` : ''}.${successors}`;
  }
  const when = lifecycle.retiredAt ? ` and retires on ${lifecycle.retiredAt}` : '';
  const since = lifecycle.deprecatedAt ? ` since ${lifecycle.deprecatedAt}` : '';
  return `${model} is deprecated${since}${when}.${successors}`;
}

export function deprecationWarning(
  model: string,
  lifecycle: Lifecycle | undefined,
): VideoWarning | undefined {
  if (!lifecycle || lifecycle.status === 'active') return undefined;
  return {
    type: 'deprecated',
    setting: 'model',
    message: `${lifecycleSentence(model, lifecycle)} It is still routed because providers may serve it longer than the catalog says.`,
  };
}
