import type { z } from 'zod';
import { hasMarker, markerOf, ReelayError } from './reelay-error';

const marker = markerOf('InvalidOfferingError');

/**
 * A plugin (or the operator's config) declared an offering that breaks the contract, found when the registry
 * is built. The message names the provider, the offering and the path of every problem.
 */
export class InvalidOfferingError extends ReelayError {
  readonly [marker] = true;
  readonly providerId: string;
  /** Each problem as `path: message`, path relative to the offering (`capabilities.size.tiers[0]`). */
  readonly problems: string[];

  constructor(options: { providerId: string; offering: string; issues: readonly z.core.$ZodIssue[] }) {
    const problems = options.issues.map(
      (issue) => `${formatIssuePath(issue.path) || '(offering)'}: ${issue.message}`,
    );
    super({
      message: `Provider '${options.providerId}' declares an invalid offering ${options.offering}: ${problems.join('; ')}. Fix the offering in the plugin (or in the config file's offerings).`,
      type: 'server_error',
      status: 500,
      code: 'invalid_offering',
    });
    this.name = 'InvalidOfferingError';
    this.providerId = options.providerId;
    this.problems = problems;
  }

  static override isInstance(error: unknown): error is InvalidOfferingError {
    return hasMarker(error, 'InvalidOfferingError');
  }
}

/** `['capabilities', 'size', 'tiers', 0]` → `capabilities.size.tiers[0]`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
