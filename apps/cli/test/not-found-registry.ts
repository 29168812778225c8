import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A registry on loopback that has no package at all: every request is a 404 in the registry's JSON shape. Nothing
 * of @reelay is on npm yet, so install tests point the scope here: npm's lookups are answered at once, as the
 * registry answers them (through this machine's proxy they sometimes fail TLS instead, and npm retries for minutes).
 */
export async function notFoundRegistry(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // npm keeps connections alive; they carry nothing more once the install is done.
        server.closeAllConnections();
      }),
  };
}
