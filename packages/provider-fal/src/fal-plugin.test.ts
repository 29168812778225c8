import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({ plugin, id: 'fal', packageJson: new URL('../package.json', import.meta.url) });
