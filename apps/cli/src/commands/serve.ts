import { CliError, ExitCode } from '../cli-error';
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
  examples: [
    'reelay serve',
    'PORT=8080 reelay serve',
    'reelay keys create laptop && FAL_KEY=… reelay serve --host 0.0.0.0',
  ],
  async run(io, argv) {
    const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } }, 'serve');
    const env = {
      ...io.env,
      ...(values.port ? { PORT: values.port } : {}),
      ...(values.host ? { HOST: values.host } : {}),
    };
    // Listening from the start, so a stop asked for while the gateway starts still ends it cleanly.
    const stopAsked = new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    const { startGateway } = await import('@reelay/gateway');
    // On the real standard error the gateway picks its own format (readable on a terminal, JSON otherwise).
    const log = io.stderr === process.stderr ? undefined : (line: string) => io.stderr.write(`${line}\n`);
    const gateway = await startGateway({
      env,
      ...(log ? { log } : {}),
      keysCommand: 'reelay keys',
    }).catch((error: unknown) => {
      // The gateway's configuration errors already say what to change: pass them on as they are.
      if (error instanceof Error && error.name === 'ConfigError')
        throw new CliError(error.message, ExitCode.usage);
      throw error;
    });
    if (values.json) io.stdout.write(`${JSON.stringify({ url: gateway.url })}\n`);
    await stopAsked;
    await gateway.close();
    return 0;
  },
};
