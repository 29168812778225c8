import type { ModelCard, SizeCapability } from '@reelay/core';
import type { Command } from '../command';
import { connect } from '../connect';
import { formatTable } from '../output/table';
import { parseFlags } from '../parse-flags';

export const modelsCommand: Command = {
  name: 'models',
  summary: 'List models with their modes, durations, sizes, providers, prices and lifecycle; or show one.',
  usage: 'reelay models [model-id]',
  flagHelp: {},
  examples: ['reelay models', 'reelay models veo-3.1', 'reelay models --json | jq ".data[].id"'],
  async run(io, argv) {
    const { values, positionals } = parseFlags(argv, {}, 'models');
    const connection = await connect(io, values);
    try {
      const id = positionals[0];
      const answer = await connection.client.json<ModelCard | { data: ModelCard[] }>(
        'GET',
        id ? `/v1/models/${encodeURIComponent(id)}` : '/v1/models',
      );
      if (values.json) {
        io.stdout.write(`${JSON.stringify(answer)}\n`);
        return 0;
      }
      const cards = 'data' in answer ? answer.data : [answer];
      io.stdout.write(
        formatTable(
          ['MODEL', 'MODES', 'SECONDS', 'SIZES / TIERS', 'PROVIDERS', 'LIFECYCLE'],
          cards.map((card) => [
            card.id,
            card.modes.map((mode) => (mode === 'text-to-video' ? 'T2V' : 'I2V')).join(' '),
            summarizeDurations(card.providers.flatMap((provider) => provider.capabilities.duration.values)),
            unique(card.providers.flatMap((provider) => tiersOf(provider.capabilities.size))).join(' '),
            card.providers
              .map((provider) => `${provider.id}${provider.price ? ` ${provider.price.display}` : ''}`)
              .join(', '),
            card.lifecycle.status === 'active'
              ? 'active'
              : `${card.lifecycle.status}${card.lifecycle.successors.length ? ` → ${card.lifecycle.successors.join(', ')}` : ''}`,
          ]),
        ),
      );
      return 0;
    } finally {
      await connection.close();
    }
  },
};

function tiersOf(size: SizeCapability): string[] {
  if (size.kind === 'list') return size.options.map((option) => option.tier);
  if (size.kind === 'grid') return size.tiers;
  return [`${size.minPixels}–${size.maxPixels} px`];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function summarizeDurations(values: number[]): string {
  const sorted = unique(values).sort((a, b) => a - b);
  if (sorted.length <= 5) return sorted.join(',');
  return `${sorted[0]}–${sorted.at(-1)}`;
}
