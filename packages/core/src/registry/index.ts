export {
  createRegistry,
  type ModelEntry,
  type Registry,
  type RegistryOptions,
  type ResolvedModel,
} from './create-registry';
