import { parseArgs } from 'node:util';
import { type ApiKeyInfo, type ApiKeyLimits, type ApiKeyScope, openApiKeyStore } from '@reelay/engine';
import { formatUsd } from '@reelay/pricing';
import { loadConfig } from './config';

export type KeysCommandIo = {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
};

const USAGE = `usage: reelay-gateway keys create <name> [--scope project|admin] [limits]
       reelay-gateway keys set <id> [limits]
       reelay-gateway keys list
       reelay-gateway keys revoke <id>
limits: --daily-budget <usd>  --monthly-budget <usd>  --rate-limit <requests per minute>  (each 'none' to lift it)
A project key (the default) creates and reads its own jobs and sees its own usage; an admin key also sees every
key's usage. Budgets are checked against each job's quote before it is submitted (UTC days and months).
Keys live in REELAY_DATABASE_URL when set, else in REELAY_DATA_DIR (default ./.reelay); run this with the
same settings as the gateway.`;

const options = {
  scope: { type: 'string' },
  'daily-budget': { type: 'string' },
  'monthly-budget': { type: 'string' },
  'rate-limit': { type: 'string' },
} as const;

class UsageError extends Error {}

/**
 * `reelay-gateway keys …`: manages gateway API keys in the gateway's store, without starting the server. The
 * gateway reads a key's scope and limits on every request, so a change applies at once at every instance.
 * Returns the process exit code.
 */
export async function runKeysCommand(argv: string[], io: KeysCommandIo): Promise<number> {
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(argv);
  } catch (error) {
    io.err(
      `${error instanceof UsageError || error instanceof TypeError ? error.message : String(error)}\n\n${USAGE}`,
    );
    return 2;
  }
  const { action, argument, scope, limits } = parsed;
  // Only the store settings matter here; sandbox on spares an operator's plugins their credential check.
  const config = await loadConfig({ ...io.env, REELAY_SANDBOX: '1' });
  const keys = await openApiKeyStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    if (action === 'create') {
      const { id, key } = await keys.create(argument, { scope, ...limits });
      io.out(
        `created ${scope ?? 'project'} API key ${id} (${argument})${describeLimits({ ...noLimits, ...limits })}`,
      );
      io.out(key);
      io.err('This is the only time the key is shown; only its hash is stored.');
    } else if (action === 'set') {
      await keys.setLimits(argument, limits);
      const key = (await keys.list()).find((entry) => entry.id === argument);
      io.out(`updated ${argument}${key ? describeLimits(key.limits) : ''}`);
    } else if (action === 'list') {
      for (const key of await keys.list()) io.out(listLine(key));
    } else {
      await keys.revoke(argument);
      io.out(`revoked ${argument}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof Error && 'status' in error && error.status === 404) {
      io.err(`${error.message} List the keys with \`reelay-gateway keys list\`.`);
      return 1;
    }
    throw error;
  } finally {
    await keys.close();
  }
}

function parseCommand(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  const [action, argument, ...rest] = positionals;
  if (action !== 'create' && action !== 'set' && action !== 'list' && action !== 'revoke') {
    throw new UsageError(action === undefined ? 'Which keys command?' : `Unknown keys command '${action}'.`);
  }
  if (action !== 'list' && !argument)
    throw new UsageError(`keys ${action} needs a ${action === 'create' ? 'name' : 'key id'}.`);
  if (rest.length > 0) throw new UsageError(`Unexpected argument '${rest[0]}'.`);
  const limits: Partial<ApiKeyLimits> = {};
  if (values['daily-budget'] !== undefined)
    limits.dailyBudgetMicros = usdOption('--daily-budget', values['daily-budget']);
  if (values['monthly-budget'] !== undefined)
    limits.monthlyBudgetMicros = usdOption('--monthly-budget', values['monthly-budget']);
  if (values['rate-limit'] !== undefined) limits.requestsPerMinute = rateOption(values['rate-limit']);
  if (
    (action === 'list' || action === 'revoke') &&
    (Object.keys(limits).length > 0 || values.scope !== undefined)
  ) {
    throw new UsageError(`keys ${action} takes no options.`);
  }
  if (action === 'set' && Object.keys(limits).length === 0) {
    throw new UsageError('keys set needs at least one of --daily-budget, --monthly-budget, --rate-limit.');
  }
  if (values.scope !== undefined && action !== 'create') {
    throw new UsageError(
      'A key keeps its scope: create a new key with the scope you need, then revoke the old one.',
    );
  }
  if (values.scope !== undefined && values.scope !== 'admin' && values.scope !== 'project') {
    throw new UsageError(`--scope must be 'project' or 'admin', not '${values.scope}'.`);
  }
  return { action, argument: argument ?? '', scope: values.scope as ApiKeyScope | undefined, limits };
}

/** Dollars as exact integer micro-USD (`5`, `0.30`, `12.5`), never through a float; `none` lifts the limit. */
function usdOption(flag: string, value: string): number | null {
  if (value === 'none') return null;
  const match = value.replace(/^\$/, '').match(/^(\d{1,9})(?:\.(\d{1,6}))?$/);
  if (!match) throw new UsageError(`${flag} must be US dollars like 25 or 0.50 (or 'none'), not '${value}'.`);
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

function rateOption(value: string): number | null {
  if (value === 'none') return null;
  if (!/^\d{1,7}$/.test(value) || Number(value) < 1) {
    throw new UsageError(
      `--rate-limit must be a whole number of requests per minute, at least 1 (or 'none'), not '${value}'.`,
    );
  }
  return Number(value);
}

const noLimits: ApiKeyLimits = {
  dailyBudgetMicros: null,
  monthlyBudgetMicros: null,
  requestsPerMinute: null,
};

function describeLimits(limits: ApiKeyLimits): string {
  const parts = [
    limits.dailyBudgetMicros !== null ? `${formatUsd(limits.dailyBudgetMicros)}/day` : undefined,
    limits.monthlyBudgetMicros !== null ? `${formatUsd(limits.monthlyBudgetMicros)}/month` : undefined,
    limits.requestsPerMinute !== null ? `${limits.requestsPerMinute} requests/min` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? ', no limits' : `, limits: ${parts.join(', ')}`;
}

function listLine(key: ApiKeyInfo): string {
  const { dailyBudgetMicros: daily, monthlyBudgetMicros: monthly, requestsPerMinute: rate } = key.limits;
  return [
    key.id,
    key.name,
    key.scope,
    new Date(key.created_at * 1000).toISOString(),
    key.revoked ? 'revoked' : 'active',
    `daily=${daily === null ? 'none' : formatUsd(daily)}`,
    `monthly=${monthly === null ? 'none' : formatUsd(monthly)}`,
    `rate=${rate === null ? 'none' : `${rate}/min`}`,
  ].join('\t');
}
