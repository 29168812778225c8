import type { DryRunResult as DryRun } from '@reelay/core';
import { usageError } from '../cli-error';
import type { Command } from '../command';
import { connect } from '../connect';
import { buildCreateRequest, requestFlagHelp, requestFlags } from '../create-request';
import { isInteractive } from '../io';
import { createColors } from '../output/colors';
import { formatTable } from '../output/table';
import { createWarningPrinter } from '../output/warnings';
import { parseFlags } from '../parse-flags';
import { formatMoney } from '../video-helpers';
import { changedEntries, describeChange } from './format-normalization';

export const priceCommand: Command = {
  name: 'price',
  summary: 'Quote a request at every provider that can serve it, without submitting anything.',
  usage: 'reelay price <model> [--seconds N] [--size WxH | --aspect-ratio W:H --resolution TIER] [flags]',
  flagHelp: Object.fromEntries(Object.entries(requestFlagHelp).filter(([name]) => name !== 'model')),
  examples: [
    'reelay price sora-2-pro --seconds 8 --size 1920x1080',
    'reelay price veo-3.1 --seconds 8 --resolution 4K --audio --json',
  ],
  async run(io, argv) {
    const { values, positionals } = parseFlags(argv, requestFlags, 'price');
    const model = positionals[0] ?? values.model;
    if (!model)
      throw usageError(
        "A model is required: reelay price <model> (e.g. reelay price veo-3.1). List models with 'reelay models'.",
      );
    const body = await buildCreateRequest(io, 'price quote', { ...values, model });
    const connection = await connect(io, values);
    try {
      const dryRun = await connection.client.json<DryRun>('POST', '/v1/videos?dry_run=true', body);
      const warnings = createWarningPrinter(io, createColors(isInteractive(io, false)));
      warnings.sandbox(dryRun.sandbox);
      warnings.print(dryRun.warnings);
      if (values.json) {
        io.stdout.write(`${JSON.stringify(dryRun)}\n`);
        return 0;
      }
      const rows = dryRun.route.map((route) => [
        route.offering,
        formatMoney(route.quote),
        changedEntries(route.normalization).map(describeChange).join('; ') || 'as asked',
      ]);
      for (const skipped of dryRun.skipped) rows.push([skipped.offering, '—', skipped.reason]);
      io.stdout.write(formatTable(['PROVIDER', 'QUOTE', 'NOTES'], rows));
      return 0;
    } finally {
      await connection.close();
    }
  },
};
