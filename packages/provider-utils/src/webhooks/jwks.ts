import { z } from 'zod';

/** An Ed25519 public key in JWK form (`x` is the base64url-encoded key). */
export type Ed25519Jwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid?: string | undefined };

export type Jwks = { keys: Ed25519Jwk[] };

const jwksSchema = z.object({
  keys: z.array(
    z.looseObject({
      kty: z.string(),
      crv: z.string().optional(),
      x: z.string().optional(),
      kid: z.string().optional(),
    }),
  ),
});

/** A JWKS document reduced to its Ed25519 keys; throws when it is malformed or holds none. */
export function parseJwks(value: unknown): Jwks {
  const parsed = jwksSchema.safeParse(value);
  if (!parsed.success) throw new Error(`The JWKS document is malformed: ${parsed.error.message}`);
  const keys: Ed25519Jwk[] = [];
  for (const key of parsed.data.keys) {
    if (key.kty === 'OKP' && key.crv === 'Ed25519' && key.x) {
      keys.push({ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid });
    }
  }
  if (keys.length === 0) throw new Error('The JWKS document holds no Ed25519 (OKP) key.');
  return { keys };
}
