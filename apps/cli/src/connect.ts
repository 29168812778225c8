import { GatewayClient } from './gateway-client';
import type { Io } from './io';

export type Connection = { client: GatewayClient; inProcess: boolean; close(): Promise<void> };

/**
 * A running gateway (`--url` / `REELAY_URL`), or, with none given, the same gateway started in this process on a
 * loopback port with the same configuration and environment (sandbox when no provider keys are set).
 */
export async function connect(
  io: Io,
  flags: { url?: string | undefined; 'api-key'?: string | undefined },
): Promise<Connection> {
  const url = flags.url ?? io.env['REELAY_URL'];
  const apiKey = flags['api-key'] ?? io.env['REELAY_API_KEY'];
  if (url) return { client: new GatewayClient(url, apiKey), inProcess: false, close: async () => undefined };

  const { startGateway } = await import('@reelay/gateway');
  const gateway = await startGateway({
    env: { ...io.env, PORT: '0', HOST: '127.0.0.1' },
    log: () => undefined,
  });
  return { client: new GatewayClient(gateway.url, apiKey), inProcess: true, close: () => gateway.close() };
}
