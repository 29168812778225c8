export {
  type ConfiguredPlugin,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PORT,
  type GatewayConfig,
  isLoopbackHost,
  type LoadConfigOptions,
  loadConfig,
  type S3Storage,
} from './config';
export {
  createGatewayApp,
  type GatewayAppConfig,
  type GatewayAppOptions,
  type PluginSummary,
} from './create-gateway-app';
export type { GatewayEnv } from './http/gateway-env';
export { type KeysCommandIo, runKeysCommand } from './keys-command';
export { buildOpenApiDocument } from './openapi/openapi-document';
export { renderDocsPage } from './openapi/render-docs-page';
export { DEFAULT_PLUGIN_PACKAGES, loadPlugins, type PluginReference } from './plugins/load-plugins';
export { buildProviders, type PluginConnection } from './providers';
export { type Sandbox, SandboxUnavailableError, startSandbox } from './sandbox';
export { ConfigError, type ConfigIssue } from './settings/config-error';
export { type ConfigFile, configFileSchema } from './settings/config-file-schema';
export type { ExtraOffering } from './settings/offering-schema';
export { type RunningGateway, type StartGatewayOptions, startGateway } from './start-gateway';
export { runUsageCommand } from './usage-command';
