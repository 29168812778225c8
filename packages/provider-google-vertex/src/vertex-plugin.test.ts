import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({
  plugin,
  id: 'google-vertex',
  packageJson: new URL('../package.json', import.meta.url),
  sampleValue: 'some-setting',
});
