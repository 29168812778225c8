import { z } from 'zod';

const ratio = z.string().regex(/^\d{1,5}:\d{1,5}$/, 'must be "W:H", e.g. "16:9"');
const tier = z.string().regex(/^\d+(\.\d+)?(p|K|MP)$/, 'must be a tier such as "720p", "2K" or "1MP"');
const json = z.record(z.string(), z.json());
const dimensions = { width: z.number().int().positive(), height: z.number().int().positive() };

const sizeCapability = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('list'),
    options: z.array(z.strictObject({ ...dimensions, wire: json, tier })).min(1),
    default: z.strictObject(dimensions),
  }),
  z.strictObject({
    kind: z.literal('grid'),
    aspectRatios: z.array(ratio).min(1),
    tiers: z.array(tier).min(1),
    default: z.strictObject({ aspectRatio: ratio, tier }),
    aspectRatioField: z.string().optional(),
    tierField: z.string().optional(),
    tierWire: z.record(tier, z.string()).optional(),
  }),
  z.strictObject({
    kind: z.literal('range'),
    minPixels: z.number().int().positive(),
    maxPixels: z.number().int().positive(),
    multipleOf: z.number().int().positive(),
    maxSide: z.number().int().positive(),
    default: z.strictObject(dimensions),
    wire: z.enum(['width-height', 'size-string']),
  }),
]);

const parameterRule = z.discriminatedUnion('how', [
  z.strictObject({ how: z.literal('passthrough') }),
  z.strictObject({ how: z.literal('renamed'), to: z.string().min(1) }),
  z.strictObject({ how: z.literal('converted'), to: z.array(z.string().min(1)) }),
  z.strictObject({ how: z.literal('emulated') }),
  z.strictObject({ how: z.literal('unsupported') }),
]);

const mode = z.enum(['text-to-video', 'image-to-video']);

/**
 * An offering an operator adds in the config file: a model a provider serves that this release of its plugin
 * does not list yet. Same shape as core's `VideoOffering`; the plugin's adapter sends it like its own.
 */
export const extraOfferingSchema = z.strictObject({
  /** Provider id that serves it (`fal`, `replicate`, `openai`). */
  provider: z.string().min(1),
  /** Catalog model id; give it a card under `catalog.models` and prices under `catalog.prices`. */
  model: z.string().min(1),
  upstream: z
    .partialRecord(mode, z.string().min(1))
    .refine((value) => Object.keys(value).length > 0, 'must name the upstream id of at least one mode'),
  capabilities: z.strictObject({
    modes: z.array(mode).min(1),
    size: sizeCapability,
    duration: z.strictObject({
      field: z.string().min(1),
      format: z.enum(['integer', 'string', 'string-with-s']),
      values: z.array(z.number().positive()).min(1),
      default: z.number().positive(),
    }),
    audio: z.strictObject({ field: z.string().optional(), default: z.boolean() }).optional(),
    image: z
      .strictObject({
        field: z.string().min(1),
        accepts: z.array(z.enum(['url', 'data-uri', 'upload'])).min(1),
      })
      .optional(),
    maxVideosPerCall: z.number().int().positive().default(1),
    remix: z.boolean().default(false),
    variants: z.array(z.enum(['video', 'thumbnail', 'spritesheet'])).default(['video']),
  }),
  parameters: z.record(z.string(), parameterRule).default({}),
  providerParameters: z.array(z.string()).default([]),
});

export type ExtraOffering = z.output<typeof extraOfferingSchema>;
