import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SECRET_KEY_FILE = 'secret-key';
export const MIN_SECRET_KEY_LENGTH = 32;

/** Whether an operator's `REELAY_SECRET_KEY` is long enough to derive an encryption key from. */
export function isSecretKey(secret: string): boolean {
  return secret.trim().length >= MIN_SECRET_KEY_LENGTH;
}

/**
 * The key secret parameters are encrypted with when `REELAY_SECRET_KEY` is not set: generated on first use and
 * kept in `${dataDir}/secret-key` (mode 0600). It keeps credentials out of the database file and its backups;
 * instances sharing one Postgres must share one `REELAY_SECRET_KEY` instead.
 */
export function loadSecretKey(dataDir: string): string {
  const file = join(dataDir, SECRET_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails when the file exists, so two processes starting at once end up with the same key.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (!isSecretKey(secret)) {
    throw new Error(
      `${file} does not hold a usable key (at least ${MIN_SECRET_KEY_LENGTH} characters). Delete it to have a ` +
        'new one generated, or set REELAY_SECRET_KEY.',
    );
  }
  return secret;
}
