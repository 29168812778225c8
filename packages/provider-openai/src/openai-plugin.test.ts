import { runPluginContract } from '@reelay/testing/contract';
import { plugin } from './index';

runPluginContract({ plugin, id: 'openai', packageJson: new URL('../package.json', import.meta.url) });
