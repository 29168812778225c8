import { listWithOr } from '../config';
import type { PluginSummary } from '../create-gateway-app';
import type { RouteDeps } from './route-deps';

export type HealthOptions = {
  sandbox: boolean;
  /** The loaded plugins, listed in `/readyz`. */
  plugins: PluginSummary[];
  /** The plugins' credential variables, named when no provider is configured. */
  credentialNames: string[];
};

/**
 * `/healthz`: the process answers (liveness). `/readyz`: at least one provider is configured and its circuit
 * is not open, so a create can be served (readiness); it lists the loaded plugins. Both are open without an
 * API key.
 */
export function registerHealth(
  { app, engine }: Pick<RouteDeps, 'app' | 'engine'>,
  { sandbox, plugins, credentialNames }: HealthOptions,
): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', (c) => {
    const { providers } = engine.health();
    const usable = providers.filter((provider) => provider.state !== 'open');
    const ready = usable.length > 0;
    return c.json(
      {
        status: ready ? 'ready' : 'not_ready',
        reason: ready
          ? null
          : providers.length === 0
            ? `No provider is configured: set ${listWithOr(credentialNames) || 'a provider credential'}, or run in sandbox mode.`
            : 'Every provider circuit is open after repeated failures; they are retried automatically.',
        sandbox,
        providers,
        plugins,
      },
      ready ? 200 : 503,
    );
  });
}
