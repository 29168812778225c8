import { catalogOverridesSchema } from '@reelay/pricing';
import { z } from 'zod';
import { PACKAGE_NAME } from '../plugins/import-plugin-package';
import { extraOfferingSchema } from './offering-schema';

/**
 * The optional JSON file named by `REELAY_CONFIG`. Everything here is optional; environment variables win
 * over the same setting in the file.
 *
 * @example
 * {
 *   "catalog": { "lifecycle": { "sora-2": { "status": "retired", "retiredAt": "2026-09-24", "successors": ["veo-3.1"] } } },
 *   "allowPrivateOrigins": ["http://10.0.0.7:9000"],
 *   "retentionHours": 72,
 *   "plugins": [{ "package": "@acme/reelay-provider-acme", "settings": { "apiKey": { "env": "ACME_API_KEY" } } }]
 * }
 */
export const configFileSchema = z.strictObject({
  /**
   * Provider plugins to load by package name, besides the built-in ones, each with its settings. A setting
   * `{ "env": "NAME" }` reads that environment variable, so secrets stay out of the file.
   */
  plugins: z
    .array(
      z.strictObject({
        package: z
          .string()
          .regex(PACKAGE_NAME, 'must be an npm package name such as @acme/reelay-provider-acme'),
        settings: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  /** Catalog overrides: added or replaced model cards, dated prices, lifecycles. Applied without a rebuild. */
  catalog: catalogOverridesSchema.optional(),
  /** Offerings a plugin does not list yet, served by that plugin's adapter. */
  offerings: z.array(extraOfferingSchema).optional(),
  /** Private-network origins the safe fetcher may reach (an internal image server). */
  allowPrivateOrigins: z.array(z.url({ protocol: /^https?$/ })).optional(),
  /** How long stored outputs are kept, in hours. Default 168 (7 days). */
  retentionHours: z.number().positive().optional(),
  /** A job still running after this many minutes is cancelled upstream and failed. Default 60. */
  jobDeadlineMinutes: z.number().positive().optional(),
  /** Tracker poll backoff, in ms. */
  pollBackoff: z
    .strictObject({
      initialMs: z.number().nonnegative().optional(),
      maxMs: z.number().nonnegative().optional(),
      factor: z.number().min(1).optional(),
      jitter: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** Poll requests per second per provider. Default 10. */
  providerRequestsPerSecond: z.number().positive().optional(),
  /**
   * After a restart, how long (ms) after an interrupted submit started the provider is first asked whether it
   * arrived; a create still being handled when the gateway died may not be listed before. Default 30000.
   */
  submitSettleMs: z.number().int().nonnegative().optional(),
  /** Largest accepted request body, in bytes. Default 25 MiB. */
  maxBodyBytes: z.number().int().positive().optional(),
  /** How long sandbox jobs queue and render, in ms. */
  sandbox: z
    .strictObject({
      queueMs: z.number().int().nonnegative().optional(),
      runMs: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

export type ConfigFile = z.output<typeof configFileSchema>;
