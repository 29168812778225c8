import { ReelayError } from '@reelay/core';
import type { Engine } from '@reelay/engine';
import { createPlaygroundRoutes } from '@reelay/playground';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { DEFAULT_MAX_BODY_BYTES } from './config';
import { errorResponse } from './http/error-response';
import type { GatewayEnv } from './http/gateway-env';
import { createHttpMetrics } from './http/http-metrics';
import { lifecycleHeaders } from './http/lifecycle-headers';
import type { GatewayLogger } from './logging/create-logger';
import { requestLog } from './logging/request-log';
import { auth } from './middleware/auth';
import { sandboxHeader } from './middleware/sandbox-header';
import { registerApiDocs } from './routes/api-docs';
import { registerCreateVideo } from './routes/create-video';
import { registerHealth } from './routes/health';
import { registerModels } from './routes/models';
import { registerProviderWebhooks } from './routes/provider-webhooks';
import { registerRemixVideo } from './routes/remix-video';
import type { RouteDeps } from './routes/route-deps';
import { registerUsage } from './routes/usage';
import { registerVideoContent } from './routes/video-content';
import { registerVideoToVideo } from './routes/video-to-video';
import { registerVideos } from './routes/videos';
import { httpSpan } from './tracing/http-span';

/** A client's `X-Request-Id` longer than this (or with characters outside `[A-Za-z0-9_=-]`) is replaced. */
const MAX_REQUEST_ID_LENGTH = 128;

/** The parts of the gateway configuration the HTTP app uses. */
export type GatewayAppConfig = {
  /** Sandbox mode: every response carries `x-reelay-sandbox: true`. */
  sandbox: boolean;
  /** Largest accepted request body in bytes. Default 25 MiB. */
  maxBodyBytes?: number | undefined;
  /** The loaded provider plugins, listed by `/readyz`. Default: none listed. */
  plugins?: PluginSummary[] | undefined;
  /** The plugins' credential variables, named when no provider is configured. */
  credentialNames?: string[] | undefined;
};

/** A loaded plugin as `/readyz` lists it. */
export type PluginSummary = { id: string; name: string; package: string; version: string };

export type GatewayAppOptions = {
  engine: Engine;
  config: GatewayAppConfig;
  /** One line per request (`http.request`) and per unexpected error (`http.error`). Default: nothing is logged. */
  logger?: GatewayLogger;
  /** A server span per request (OpenTelemetry), when tracing was started. Default false. */
  tracing?: boolean;
};

/**
 * The gateway's HTTP app: OpenAI's `/v1/videos` and `/v1/models` over the engine, plus health, metrics and API
 * docs. It does not listen; serve `app.fetch` with `@hono/node-server` (see `startGateway`) or call
 * `app.request()` in tests.
 *
 * @example
 * const app = createGatewayApp({ engine, config: { sandbox: false } });
 * serve({ fetch: app.fetch, port: 3000 });
 */
export function createGatewayApp(options: GatewayAppOptions): Hono<GatewayEnv> {
  const { engine, config } = options;
  const logger = options.logger ?? pino({ level: 'silent' });
  const app = new Hono<GatewayEnv>();
  const httpMetrics = createHttpMetrics();

  app.use(requestId({ limitLength: MAX_REQUEST_ID_LENGTH }));
  if (options.tracing) app.use(httpSpan());
  app.use(requestLog(logger));
  app.use(httpMetrics.middleware);
  if (config.sandbox) app.use(sandboxHeader());
  app.onError((error, c) => errorResponse(error, c, logger));
  app.notFound((c) =>
    errorResponse(
      new ReelayError({
        status: 404,
        type: 'invalid_request_error',
        code: 'unknown_url',
        message: `Unknown route ${c.req.method} ${c.req.path}. The API is described at /docs and /openapi.json.`,
      }),
      c,
      logger,
    ),
  );

  registerHealth(
    { app, engine },
    { sandbox: config.sandbox, plugins: config.plugins ?? [], credentialNames: config.credentialNames ?? [] },
  );
  registerApiDocs(app, () => engine.health().providers.map((provider) => provider.id));
  // The playground is public like /docs: the page itself holds no data, and asks for a key when keys exist.
  app.route('/playground', createPlaygroundRoutes());
  app.get('/', (c) => c.redirect('/playground/'));

  const deps: RouteDeps = {
    app,
    engine,
    maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    lifecycleHeadersFor: lifecycleLookup(engine),
  };
  // Registered before the API-key middleware, so its answer ends the chain there: providers cannot hold a
  // gateway key, and the route authenticates each delivery by the provider's signature instead.
  registerProviderWebhooks(deps);
  app.use('/v1/*', auth(engine));
  app.use('/metrics', auth(engine));
  app.get('/metrics', (c) => {
    c.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
    return c.body(`${engine.metricsText().trimEnd()}\n${httpMetrics.text()}`);
  });

  registerCreateVideo(deps);
  registerVideos(deps);
  registerVideoContent(deps);
  registerRemixVideo(deps);
  registerVideoToVideo(deps);
  registerModels(deps);
  registerUsage(deps);
  return app;
}

/** Lifecycle headers per model name, cached: the catalog is fixed for the engine's lifetime. */
function lifecycleLookup(engine: Engine): (model: string) => Record<string, string> {
  const cache = new Map<string, Record<string, string>>();
  return (model) => {
    const cached = cache.get(model);
    if (cached !== undefined) return cached;
    let headers: Record<string, string> = {};
    try {
      const { lifecycle } = engine.getModel(model);
      headers = lifecycleHeaders(lifecycle);
    } catch {
      // a model no provider serves any more has no card; its videos simply carry no headers
    }
    if (cache.size < 1000) cache.set(model, headers);
    return headers;
  };
}
