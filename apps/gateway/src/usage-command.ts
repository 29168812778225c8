import { parseArgs } from 'node:util';
import { ReelayError } from '@reelay/core';
import { openUsageReporter, usageReportToCsv } from '@reelay/engine';
import { loadConfig } from './config';
import { parseRequest } from './http/validation-error';
import type { KeysCommandIo } from './keys-command';
import { usageQuerySchema } from './routes/usage-query-schema';

const USAGE = `usage: reelay-gateway usage [--start <date|unix seconds>] [--end <date|unix seconds>]
                            [--group-by day,key,model,provider] [--format json|csv]
Every key's usage, read from REELAY_DATABASE_URL when set, else REELAY_DATA_DIR (default ./.reelay); run this
with the same settings as the gateway. The options mean what GET /v1/usage's parameters mean.`;

/**
 * `reelay-gateway usage …`: the usage export of every key, for the operator (whoever can open the gateway's
 * store; over HTTP, an admin key sees the same). Writes JSON or CSV to `out`; returns the process exit code.
 */
export async function runUsageCommand(argv: string[], io: KeysCommandIo): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        start: { type: 'string' },
        end: { type: 'string' },
        'group-by': { type: 'string' },
        format: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let query: ReturnType<typeof usageQuerySchema.parse>;
  try {
    query = parseRequest(usageQuerySchema, {
      start: values['start'],
      end: values['end'],
      group_by: values['group-by'],
      format: values['format'],
    });
  } catch (error) {
    io.err(`${ReelayError.isInstance(error) ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  // Only the store settings matter here; sandbox on spares an operator's plugins their credential check.
  const config = await loadConfig({ ...io.env, REELAY_SANDBOX: '1' });
  const reporter = await openUsageReporter({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const report = await reporter.report({ start: query.start, end: query.end, groupBy: query.group_by });
    if (query.format === 'csv') io.out(usageReportToCsv(report).trimEnd());
    else io.out(JSON.stringify(report, null, 2));
    return 0;
  } catch (error) {
    if (!ReelayError.isInstance(error)) throw error;
    io.err(error.message);
    return 2;
  } finally {
    await reporter.close();
  }
}
