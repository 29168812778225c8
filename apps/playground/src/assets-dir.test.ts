import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { playgroundAssetsDir } from './assets-dir';

describe('playgroundAssetsDir', () => {
  it("is this package's dist/public, found from the module's own location", () => {
    const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
    expect(playgroundAssetsDir()).toBe(join(packageRoot, 'dist', 'public'));
  });
});
