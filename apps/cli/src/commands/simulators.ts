import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '../command';
import { numberFlag, parseFlags } from '../parse-flags';

/**
 * Every plugin's simulator, started the way the gateway's sandbox mode starts them (the same plugins, the same
 * simulators), with the environment that points a gateway or an app at each one.
 */
export const simulatorsCommand: Command = {
  name: 'simulators',
  summary:
    "Run every provider plugin's simulator standalone (the sandbox's), for testing plugins and apps without spending money.",
  usage: 'reelay simulators [--queue-ms N] [--run-ms N] [--data-dir DIR]',
  flagHelp: {
    'queue-ms': 'time each job waits in the queue (default 300)',
    'run-ms': 'time each job renders (default 1500)',
    'data-dir':
      'where the simulators keep their jobs across restarts (default: a temporary folder, removed on exit)',
  },
  examples: ['reelay simulators', 'reelay simulators --run-ms 0 --json'],
  async run(io, argv) {
    const { values } = parseFlags(
      argv,
      { 'queue-ms': { type: 'string' }, 'run-ms': { type: 'string' }, 'data-dir': { type: 'string' } },
      'simulators',
    );
    const { loadConfig, startSandbox } = await import('@reelay/gateway');
    const config = await loadConfig({ ...process.env, REELAY_SANDBOX: '1' });
    const behavior = {
      queueMs: numberFlag(values['queue-ms'], 'queue-ms') ?? 300,
      runMs: numberFlag(values['run-ms'], 'run-ms') ?? 1500,
    };
    const temporary = values['data-dir'] === undefined;
    const dataDir = values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'reelay-simulators-')));
    const sandbox = await startSandbox(config.plugins, { dataDir, behavior });
    const described = sandbox.connections.map(({ plugin, settings }) => ({
      id: plugin.id,
      name: plugin.name,
      // Only the variables that point an adapter somewhere: the simulator's URL and the one key it accepts.
      env: Object.fromEntries(
        plugin.env
          .filter((variable) => variable.kind === 'credential' || variable.kind === 'base-url')
          .flatMap((variable) => {
            const value = settings[variable.setting];
            return typeof value === 'string' ? [[variable.name, value]] : [];
          }),
      ),
    }));
    if (values.json) io.stdout.write(`${JSON.stringify({ simulators: described })}\n`);
    else {
      for (const simulator of described) {
        io.stdout.write(`${simulator.name} (${simulator.id})\n`);
        for (const [name, value] of Object.entries(simulator.env)) io.stdout.write(`  ${name}=${value}\n`);
      }
      io.stdout.write('Press Ctrl-C to stop.\n');
    }
    await new Promise<void>((done) => {
      const stop = () =>
        void sandbox
          .close()
          .then(() => (temporary ? rm(dataDir, { recursive: true, force: true }) : undefined))
          .then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
