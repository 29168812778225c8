import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({ plugin, id: 'replicate', packageJson: new URL('../package.json', import.meta.url) });
