export { signServiceAccountAssertion } from './access-token';
export { VERSION } from './version';
export { type GoogleVertexModelId, vertexOfferings } from './vertex-offerings';
export { plugin } from './vertex-plugin';
export { createGoogleVertex } from './vertex-provider';
export type { GoogleVertexProviderSettings } from './vertex-settings';
