import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({
  plugin,
  id: 'google',
  packageJson: new URL('../package.json', import.meta.url),
  sampleValue: 'AIza-key',
});
