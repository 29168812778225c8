import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({
  plugin,
  id: 'runway',
  packageJson: new URL('../package.json', import.meta.url),
  sampleValue: 'key_secret',
});
