import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WEBHOOK_SECRET_FILE = 'webhook-secret';

/** Whether a Standard Webhooks secret is usable: `whsec_` and at least 16 bytes of base64. */
export function isWebhookSecret(secret: string): boolean {
  const match = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret.trim());
  return match !== null && Buffer.from(match[1]!, 'base64').length >= 16;
}

/** A fresh Standard Webhooks secret: `whsec_` and 32 random bytes of base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The secret a data directory already holds, if any, never creating one: instances that share a database
 * start sharing the one a single instance used before, so receivers keep verifying.
 */
export function existingWebhookSecret(dataDir: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(dataDir, WEBHOOK_SECRET_FILE), 'utf8').trim();
  } catch {
    return undefined;
  }
  return isWebhookSecret(text) ? text : undefined;
}

/**
 * The secret outgoing webhooks are signed with when none is configured: generated on first use and kept in
 * `${dataDir}/webhook-secret` (mode 0600), so receivers keep verifying across restarts.
 */
export function loadWebhookSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = join(dataDir, WEBHOOK_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  const created = newWebhookSecret();
  try {
    // 'wx' fails when the file exists, so two processes starting at once end up with the same secret.
    writeFileSync(file, `${created}\n`, { mode: 0o600, flag: 'wx' });
    return { secret: created, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (!isWebhookSecret(secret)) {
    throw new Error(
      `${file} does not hold a webhook secret (whsec_ followed by base64). Delete it to have a new one generated, ` +
        'or configure the secret explicitly.',
    );
  }
  return { secret, file, created: false };
}
