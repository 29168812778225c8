import type { ProviderPlugin } from '@reelay/core';
import { startVertexSandbox } from './google-vertex-sandbox';
import { type GoogleVertexProviderSettings, googleVertexSettingsSchema } from './google-vertex-settings';
import { VERSION } from './version';
import { createGoogleVertex } from './vertex-provider';

/** What a gateway loads by package name. Veo on Vertex can notify Pub/Sub, not a URL: jobs are polled. */
export const plugin: ProviderPlugin<GoogleVertexProviderSettings> = {
  specificationVersion: 'v1',
  id: 'google-vertex',
  name: 'Google Vertex AI',
  version: VERSION,
  settingsSchema: googleVertexSettingsSchema,
  env: [
    {
      name: 'GOOGLE_APPLICATION_CREDENTIALS',
      setting: 'credentials',
      kind: 'credential',
      description: 'path of a service-account JSON key file',
    },
    {
      name: 'GOOGLE_VERTEX_PROJECT',
      setting: 'project',
      kind: 'setting',
      description: 'Google Cloud project id',
    },
    {
      name: 'GOOGLE_VERTEX_LOCATION',
      setting: 'location',
      kind: 'setting',
      description: 'Vertex AI region (default us-central1)',
    },
    {
      name: 'GOOGLE_VERTEX_BASE_URL',
      setting: 'baseURL',
      kind: 'base-url',
      description: 'Vertex AI base URL (default https://{location}-aiplatform.googleapis.com/v1)',
    },
  ],
  create: createGoogleVertex,
  sandbox: startVertexSandbox,
  webhook: undefined,
};
