import { providerSettingsFields } from '@reelay/provider-utils';
import { z } from 'zod';

const { baseURL, headers, timeouts } = providerSettingsFields;

/** The `google-vertex` section of a gateway config file, validated before `createGoogleVertex` sees it. */
export const googleVertexSettingsSchema = z
  .object({
    /** Google Cloud project id. Default: `GOOGLE_VERTEX_PROJECT`. */
    project: z.string().trim().min(1).optional(),
    /** Region such as `us-central1`. Default: `GOOGLE_VERTEX_LOCATION`, else `us-central1`. */
    location: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]+$/, 'must be a region such as us-central1')
      .optional(),
    /** Path of a service-account JSON key file. Default: `GOOGLE_APPLICATION_CREDENTIALS`. */
    credentials: z.string().trim().min(1).optional(),
    /** Default: `GOOGLE_VERTEX_BASE_URL`, else `https://{location}-aiplatform.googleapis.com/v1`. */
    baseURL,
    /** Where `gs://` outputs are read. Default `https://storage.googleapis.com`. */
    storageBaseURL: z.url({ protocol: /^https?$/ }).optional(),
    /** A `gs://bucket/prefix/` for outputs; without it Vertex returns the video inline as base64. */
    storageUri: z
      .string()
      .regex(/^gs:\/\/[^/]+\/.*$/, 'must be a gs://bucket/prefix/ URI')
      .optional(),
    headers,
    timeouts,
  })
  .strict();

export type GoogleVertexProviderSettings = z.input<typeof googleVertexSettingsSchema>;
