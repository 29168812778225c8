import type { Command } from '../command';
import { parseFlags } from '../parse-flags';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the gateway (the same as `pnpm start`): sandbox mode when no provider keys are set.',
  usage: 'reelay serve [--port N] [--host ADDRESS]',
  flagHelp: {
    port: 'port to listen on (default $PORT or 3000)',
    host: 'address to bind (default $HOST or 127.0.0.1)',
  },
  examples: ['reelay serve', 'PORT=8080 reelay serve', 'FAL_KEY=… reelay serve --host 0.0.0.0'],
  async run(io, argv) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } }, 'serve');
    const env = {
      ...io.env,
      ...(values.port ? { PORT: values.port } : {}),
      ...(values.host ? { HOST: values.host } : {}),
    };
    const { startGateway } = await import('@reelay/gateway');
    const gateway = await startGateway({ env, log: (line: string) => io.stderr.write(`${line}\n`) });
    if (values.json) io.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
    await new Promise<void>((done) => {
      const stop = () => void gateway.close().then(done);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
