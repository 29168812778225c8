import { type LookupAddress, lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy';

const REFUSED = 'ERR_REELAY_UNSAFE_ADDRESS';

/** Raised inside the socket's DNS step; the fetcher turns it into an `UnsafeUrlError` naming the URL. */
export class RefusedAddressError extends Error {
  readonly code = REFUSED;

  constructor(
    readonly hostname: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to a refused address: ${reason}`);
    this.name = 'RefusedAddressError';
  }
}

export function findRefusedAddress(error: unknown): RefusedAddressError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if ((current as { code?: unknown }).code === REFUSED) return current as RefusedAddressError;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A `net.connect` lookup that resolves the name, refuses it if ANY resolved address breaks the policy, and
 * hands the checked addresses to the socket — so the address checked is the address connected to (no DNS
 * rebinding window between a check and the connect).
 */
export function createSafeLookup(policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', undefined);
        return;
      }
      for (const entry of addresses) {
        const reason = policy(entry.address);
        if (reason !== undefined) {
          callback(new RefusedAddressError(hostname, reason), '', undefined);
          return;
        }
      }
      const first = addresses[0];
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else
        callback(
          Object.assign(new Error(`${hostname} has no addresses`), { code: 'ENOTFOUND' }),
          '',
          undefined,
        );
    });
  };
}
