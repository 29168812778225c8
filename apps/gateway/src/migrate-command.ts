import { migrateDatabase, postgresSchemaVersion } from '@reelay/engine';
import { loadConfig } from './config';
import type { KeysCommandIo } from './keys-command';

/**
 * `reelay-gateway migrate`: applies the missing Postgres migrations and exits, for deploys that migrate in a
 * step of their own before rolling the instances. Instances also migrate on start, under the same advisory
 * lock, so running both is safe. Returns the process exit code.
 */
export async function runMigrateCommand(io: KeysCommandIo): Promise<number> {
  // Only the store settings matter here; sandbox on spares an operator's plugins their credential check.
  const config = await loadConfig({ ...io.env, REELAY_SANDBOX: '1' });
  if (config.databaseUrl === undefined) {
    io.err(
      'REELAY_DATABASE_URL is not set. SQLite (the default) migrates itself on start; this command is for Postgres.',
    );
    return 2;
  }
  const applied = await migrateDatabase(config.databaseUrl);
  io.out(
    applied.length === 0
      ? `schema is up to date (version ${postgresSchemaVersion})`
      : `applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}; schema is at version ${postgresSchemaVersion}`,
  );
  return 0;
}
