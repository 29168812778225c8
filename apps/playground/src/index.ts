export { playgroundAssetsDir } from './assets-dir';
export { createPlaygroundRoutes, type PlaygroundRoutesOptions } from './playground-routes';
