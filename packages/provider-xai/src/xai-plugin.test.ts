import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({
  plugin,
  id: 'xai',
  packageJson: new URL('../package.json', import.meta.url),
  sampleValue: 'xai-key',
});
