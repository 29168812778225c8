import { startAllSimulators } from './simulators/start-all-simulators';

// `reelay-simulators`: the three provider simulators on loopback, until Ctrl-C.
const simulators = await startAllSimulators();
for (const simulator of simulators.list) {
  process.stdout.write(`${simulator.name.padEnd(10)} ${simulator.baseURL}  key: ${simulator.apiKey}\n`);
}
const stop = () => void simulators.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
