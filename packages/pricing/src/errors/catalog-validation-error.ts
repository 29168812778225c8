import { hasMarker, markerOf, ReelayError } from '@reelay/core';

const marker = markerOf('CatalogValidationError');

export type CatalogIssue = {
  /** Where the bad value is, from the catalog root: `overrides.prices[0].rates.720p`. */
  path: string;
  message: string;
};

/**
 * The built-in catalog or an operator override is invalid. Thrown at load, so a bad price never reaches a
 * quote. HTTP 500: it is a server configuration problem, not the caller's.
 */
export class CatalogValidationError extends ReelayError {
  readonly [marker] = true;
  readonly issues: CatalogIssue[];

  constructor(issues: CatalogIssue[]) {
    const listed = issues
      .slice(0, 10)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join('; ');
    const more = issues.length > 10 ? ` (and ${issues.length - 10} more)` : '';
    super({
      message: `Invalid price catalog: ${listed}${more}. Fix these entries (overrides come from the config file).`,
      type: 'server_error',
      status: 500,
      code: 'invalid_catalog',
    });
    this.name = 'CatalogValidationError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is CatalogValidationError {
    return hasMarker(error, 'CatalogValidationError');
  }
}
