import type { Command } from '../command';
import { numberFlag, parseFlags } from '../parse-flags';

export const simulatorsCommand: Command = {
  name: 'simulators',
  summary:
    'Run the OpenAI, fal and Replicate simulators standalone, for testing plugins and apps without spending money.',
  usage: 'reelay simulators [--queue-ms N] [--run-ms N]',
  flagHelp: {
    'queue-ms': 'time each job waits in the queue (default 300)',
    'run-ms': 'time each job renders (default 1500)',
  },
  examples: ['reelay simulators', 'reelay simulators --run-ms 0 --json'],
  async run(io, argv) {
    const { values } = parseFlags(
      argv,
      { 'queue-ms': { type: 'string' }, 'run-ms': { type: 'string' } },
      'simulators',
    );
    const behavior = {
      ...(values['queue-ms'] ? { queueMs: numberFlag(values['queue-ms'], 'queue-ms') } : {}),
      ...(values['run-ms'] ? { runMs: numberFlag(values['run-ms'], 'run-ms') } : {}),
    };
    const { startAllSimulators } = await import('@reelay/testing');
    const simulators = await startAllSimulators({ behavior });
    const described = simulators.list.map((simulator) => ({
      name: simulator.name,
      baseURL: simulator.baseURL,
      apiKey: simulator.apiKey,
    }));
    if (values.json) io.stdout.write(`${JSON.stringify({ simulators: described })}\n`);
    else {
      for (const simulator of described)
        io.stdout.write(`${simulator.name.padEnd(10)} ${simulator.baseURL}  key: ${simulator.apiKey}\n`);
      io.stdout.write('Press Ctrl-C to stop.\n');
    }
    await new Promise<void>((done) => {
      const stop = () => void simulators.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
