import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// Only the Node entry; the page itself is built by Vite into dist/public, which `clean` must not wipe.
export default defineConfig({ ...libraryBuild, clean: false });
