import { resolve } from 'node:path';
import { usageError } from '../cli-error';
import type { Command } from '../command';
import { formatTable } from '../output/table';
import { parseFlags } from '../parse-flags';

const actions = ['create', 'list', 'revoke'] as const;

export const keysCommand: Command = {
  name: 'keys',
  summary: 'Create, list and revoke gateway API keys (in the gateway data directory, $REELAY_DATA_DIR).',
  usage: 'reelay keys create <name> | list | revoke <key-id>',
  flagHelp: { 'data-dir': 'the gateway data directory (default $REELAY_DATA_DIR or ./.reelay)' },
  examples: ['reelay keys create ci-pipeline', 'reelay keys list --json', 'reelay keys revoke key_abc123'],
  async run(io, argv) {
    const { values, positionals } = parseFlags(argv, { 'data-dir': { type: 'string' } }, 'keys');
    const [action, argument] = positionals as [string | undefined, string | undefined];
    if (!action || !(actions as readonly string[]).includes(action)) {
      throw usageError(`Say what to do with keys: ${actions.join(', ')} (e.g. reelay keys create my-app).`);
    }
    if (action !== 'list' && !argument) {
      throw usageError(
        action === 'create'
          ? 'Name the key: reelay keys create <name>.'
          : 'Give the key id: reelay keys revoke <key-id>.',
      );
    }
    const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env['REELAY_DATA_DIR'] ?? '.reelay');
    const { openApiKeyStore } = await import('@reelay/engine');
    const databaseUrl = io.env['REELAY_DATABASE_URL']?.trim() || undefined;
    const store = await openApiKeyStore({ dataDir, databaseUrl });
    const print = (value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);
    try {
      if (action === 'create') {
        const created = await store.create(argument!);
        if (values.json) print(created);
        else
          io.stdout.write(`Created ${created.id}. The key is shown once — store it now:\n${created.key}\n`);
      } else if (action === 'list') {
        const keys = await store.list();
        if (values.json) print({ data: keys });
        else
          io.stdout.write(
            formatTable(
              ['ID', 'NAME', 'CREATED', 'STATUS'],
              keys.map((key) => [
                key.id,
                key.name,
                new Date(key.created_at * 1000).toISOString(),
                key.revoked ? 'revoked' : 'active',
              ]),
            ),
          );
      } else {
        await store.revoke(argument!);
        if (values.json) print({ id: argument, revoked: true });
        else io.stdout.write(`Revoked ${argument}.\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
