import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Encrypts small JSON values (a request's credentials) for the time they sit in the job store. */
export type SecretBox = {
  seal(values: Record<string, unknown>): string;
  /** Throws `SecretBoxError` when the text was sealed with another key or was altered. */
  open(sealed: string): Record<string, unknown>;
};

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

const VERSION = 'v1';

/**
 * AES-256-GCM under a key derived (HKDF-SHA256) from the operator's secret, so any long random string works
 * as `REELAY_SECRET_KEY`. The output is `v1.<iv>.<tag>.<ciphertext>`, base64url; GCM's tag makes tampering or a
 * wrong key an error instead of garbage.
 */
export function createSecretBox(secret: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', secret, 'reelay', 'reelay secret parameters v1', 32));
  return {
    seal(values) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(values), 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new SecretBoxError('not a sealed value of this Reelay version');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
        return JSON.parse(text.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new SecretBoxError('sealed with another key, or altered');
      }
    },
  };
}

/** A box whose key is read (or generated) only when a request first carries a secret. */
export function lazySecretBox(loadKey: () => string): SecretBox {
  let box: SecretBox | undefined;
  const get = () => {
    box ??= createSecretBox(loadKey());
    return box;
  };
  return { seal: (values) => get().seal(values), open: (sealed) => get().open(sealed) };
}
