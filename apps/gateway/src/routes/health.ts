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
 * is not open, so a create can be served, and with a shared database this instance's heartbeat reaches it
 * (readiness); it lists the loaded plugins and this instance's lease status. Both are open without an
 * API key.
 */
export function registerHealth(
  { app, engine }: Pick<RouteDeps, 'app' | 'engine'>,
  { sandbox, plugins, credentialNames }: HealthOptions,
): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', (c) => {
    const { providers, instance } = engine.health();
    const usable = providers.filter((provider) => provider.state !== 'open');
    const reason =
      providers.length === 0
        ? `No provider is configured: set ${listWithOr(credentialNames) || 'a provider credential'}, or run in sandbox mode.`
        : usable.length === 0
          ? 'Every provider circuit is open after repeated failures; they are retried automatically.'
          : instance && !instance.leasesHeld
            ? "This instance cannot reach the database to renew its heartbeat; other instances take its jobs over. Check REELAY_DATABASE_URL and the database's health."
            : null;
    const ready = reason === null;
    return c.json(
      {
        status: ready ? 'ready' : 'not_ready',
        reason,
        sandbox,
        providers,
        plugins,
        ...(instance ? { instance } : {}),
      },
      ready ? 200 : 503,
    );
  });
}
