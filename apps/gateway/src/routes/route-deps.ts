import type { Engine } from '@reelay/engine';
import type { Hono } from 'hono';
import type { GatewayEnv } from '../http/gateway-env';

/** What every route module gets: the app to register on and the engine behind it. */
export type RouteDeps = {
  app: Hono<GatewayEnv>;
  engine: Engine;
  /** Largest accepted request body in bytes. */
  maxBodyBytes: number;
  /** `Deprecation`/`Sunset`/`Link` headers for a model name, empty when it is active or unknown. */
  lifecycleHeadersFor(model: string): Record<string, string>;
};
