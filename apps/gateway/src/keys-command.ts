import { openApiKeyStore } from '@reelay/engine';
import { loadConfig } from './config';

export type KeysCommandIo = {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
};

const USAGE = `usage: reelay-gateway keys create <name> | keys list | keys revoke <id>
Keys live in REELAY_DATABASE_URL when set, else in REELAY_DATA_DIR (default ./.reelay); run this with the
same settings as the gateway.`;

/**
 * `reelay-gateway keys …`: manages gateway API keys in the gateway's store, without starting the server.
 * Returns the process exit code.
 */
export async function runKeysCommand(argv: string[], io: KeysCommandIo): Promise<number> {
  const [action, argument] = argv;
  if (action !== 'create' && action !== 'list' && action !== 'revoke') {
    io.err(USAGE);
    return 2;
  }
  if ((action === 'create' || action === 'revoke') && !argument) {
    io.err(USAGE);
    return 2;
  }
  // Only the store settings matter here; sandbox on spares an operator's plugins their credential check.
  const config = await loadConfig({ ...io.env, REELAY_SANDBOX: '1' });
  const keys = await openApiKeyStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    if (action === 'create') {
      const { id, key } = await keys.create(argument ?? '');
      io.out(`created API key ${id} (${argument})`);
      io.out(key);
      io.err('This is the only time the key is shown; only its hash is stored.');
    } else if (action === 'list') {
      for (const key of await keys.list()) {
        io.out(
          `${key.id}\t${key.name}\t${new Date(key.created_at * 1000).toISOString()}\t${key.revoked ? 'revoked' : 'active'}`,
        );
      }
    } else {
      await keys.revoke(argument ?? '');
      io.out(`revoked ${argument}`);
    }
    return 0;
  } finally {
    await keys.close();
  }
}
