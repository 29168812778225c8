import type { RouteDeps } from './route-deps';

/**
 * `/healthz`: the process answers (liveness). `/readyz`: at least one provider is configured and its circuit
 * is not open, so a create can be served (readiness). Both are open without an API key.
 */
export function registerHealth({ app, engine }: Pick<RouteDeps, 'app' | 'engine'>, sandbox: boolean): void {
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
            ? 'No provider is configured: set OPENAI_API_KEY, FAL_KEY or REPLICATE_API_TOKEN, or run in sandbox mode.'
            : 'Every provider circuit is open after repeated failures; they are retried automatically.',
        sandbox,
        providers,
      },
      ready ? 200 : 503,
    );
  });
}
