import { BalancedPool, Pool } from 'undici';

/**
 * Keep-alive connections to one server, or spread over several (instances behind a load balancer, as undici's
 * `BalancedPool` spreads them); `connections` is the total, split evenly.
 */
export function dispatcherFor(urls: string[], connections: number): Pool | BalancedPool {
  if (urls.length === 1) return new Pool(urls[0]!, { connections, pipelining: 1 });
  return new BalancedPool(urls, { connections: Math.ceil(connections / urls.length), pipelining: 1 });
}
