import type { DryRunResult as DryRun } from '@reelay/core';
import type { Io } from '../io';
import type { Colors } from '../output/colors';
import { chosenRoute, formatMoney } from '../video-helpers';
import { formatRequested, formatSent } from './format-normalization';

/** The route, what was normalized and the price, before anything is submitted. */
export function printRoute(io: Io, dryRun: DryRun, colors: Colors): void {
  const chosen = chosenRoute(dryRun);
  if (!chosen) {
    io.stderr.write(`${colors.yellow('No provider can serve this request as asked.')}\n`);
    return;
  }
  io.stderr.write(
    `${colors.bold('Route')}  ${chosen.offering}${chosen.reason ? colors.dim(` (${chosen.reason})`) : ''}\n`,
  );
  for (const entry of chosen.normalization ?? []) {
    if (entry.action === 'passthrough') continue;
    io.stderr.write(
      `  ${entry.param}: ${formatRequested(entry.requested)} → ${formatSent(entry.sent, entry.param)} ${colors.dim(`(${entry.action}${entry.note ? `: ${entry.note}` : ''})`)}\n`,
    );
  }
  io.stderr.write(
    `${colors.bold('Price')}  ${formatMoney(dryRun.cost_estimate)}${chosen.quote_problem ? colors.dim(` (${chosen.quote_problem})`) : ''}\n`,
  );
}
