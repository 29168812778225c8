import type { RouteDeps } from './route-deps';

/**
 * `GET /v1/models` and `GET /v1/models/:id` in OpenAI's list shape (so `client.models.list()` works), each
 * model extended with capabilities, providers, prices and lifecycle. `:id` may be `provider/model`.
 */
export function registerModels({ app, engine, lifecycleHeadersFor }: RouteDeps): void {
  app.get('/v1/models', (c) => c.json({ object: 'list', data: engine.listModels() }));

  app.get('/v1/models/:id{.+}', (c) => {
    const id = c.req.param('id');
    const model = engine.getModel(id);
    for (const [name, value] of Object.entries(lifecycleHeadersFor(id))) c.header(name, value);
    return c.json(model);
  });
}
