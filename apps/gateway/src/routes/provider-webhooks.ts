import { limitBody } from '../http/limit-body';
import type { RouteDeps } from './route-deps';

/**
 * `POST /v1/provider-webhooks/:provider`: where providers report finished jobs. It takes no
 * gateway API key: the provider's signature authenticates each delivery (the plugin's `parseWebhook`), and a
 * bad one is a 401. An event about a job this gateway does not know is answered 200, so the provider stops
 * retrying (the engine logs each delivery as `provider_webhook.received`). Polling stays the fallback for deliveries that never arrive.
 */
export function registerProviderWebhooks({ app, engine, maxBodyBytes }: RouteDeps): void {
  app.post('/v1/provider-webhooks/:provider', limitBody(maxBodyBytes), async (c) => {
    const rawBody = new Uint8Array(await c.req.arrayBuffer());
    const result = await engine.receiveProviderWebhook(c.req.param('provider'), {
      headers: c.req.raw.headers,
      rawBody,
    });
    return c.json({ received: true, outcome: result.outcome, video_id: result.videoId });
  });
}
