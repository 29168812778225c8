import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({
  plugin,
  id: 'kling',
  packageJson: new URL('../package.json', import.meta.url),
  credentials: ['KLING_API_KEY', 'KLING_ACCESS_KEY'],
  sampleValue: 'some-key',
  sampleBaseURL: 'https://example.com',
});
