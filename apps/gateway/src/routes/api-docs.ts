import type { Hono } from 'hono';
import type { GatewayEnv } from '../http/gateway-env';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import { renderDocsPage } from '../openapi/render-docs-page';

/**
 * `GET /openapi.json` (OpenAPI 3.1 from the zod schemas) and `GET /docs` (the rendered reference).
 * `providerIds` lists the configured providers, which the webhook route accepts.
 */
export function registerApiDocs(app: Hono<GatewayEnv>, providerIds: () => string[] = () => []): void {
  let document: Record<string, unknown> | undefined;
  let page: string | undefined;
  const openApi = () => {
    document ??= buildOpenApiDocument({ providerIds: providerIds() });
    return document;
  };

  app.get('/openapi.json', (c) => c.json(openApi()));
  app.get('/docs', (c) => {
    page ??= renderDocsPage(openApi());
    c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html(page);
  });
}
