export { declaredRequests } from './declared-requests';
export { credentialOf, findSubmit, requestContains } from './find-in-request';
export { openOutput, pollUntilDone, readAll, submitRequestFor } from './lifecycle';
export type { ProviderContractOptions } from './provider-contract-options';
export { type PluginContractOptions, runPluginContract } from './run-plugin-contract';
export { runProviderContract } from './run-provider-contract';
