export { signServiceAccountAssertion } from './access-token';
export { plugin } from './google-vertex-plugin';
export type { GoogleVertexProviderSettings } from './google-vertex-settings';
export { VERSION } from './version';
export { type GoogleVertexModelId, vertexOfferings } from './vertex-offerings';
export { createGoogleVertex } from './vertex-provider';
