import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

export default defineConfig({
  ...libraryBuild,
  entry: ['src/index.ts', 'src/testing.ts'],
  // The test S3 server is a dev dependency, loaded only by `startTestS3`: never bundled.
  external: ['s3rver'],
});
