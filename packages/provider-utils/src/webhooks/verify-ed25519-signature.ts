import { createPublicKey, verify } from 'node:crypto';
import type { Jwks } from './jwks';

/**
 * Whether any Ed25519 key of the set verifies `signature` over `message`. A malformed key is skipped, so one bad
 * key in a provider's set does not stop the others from being tried.
 */
export function verifyEd25519Signature(options: {
  jwks: Jwks;
  message: Uint8Array;
  signature: Uint8Array;
}): boolean {
  for (const jwk of options.jwks.keys) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') continue;
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
      if (verify(null, options.message, key, options.signature)) return true;
    } catch {
      // try the next key
    }
  }
  return false;
}
