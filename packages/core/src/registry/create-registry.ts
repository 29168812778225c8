import { InvalidOfferingError } from '../errors/invalid-offering-error';
import { listSome, NoSuchModelError } from '../errors/no-such-model-error';
import { NoSuchProviderError } from '../errors/no-such-provider-error';
import type { CatalogModel } from '../spec/catalog-model';
import { type ProviderOffering, type VideoOffering, videoOfferingSchema } from '../spec/offering';
import type { VideoProvider } from '../spec/video-provider';

export type RegistryOptions = {
  providers: readonly VideoProvider[];
  /** Model cards (lifecycle, creator, family). A model served by a provider but absent here still works. */
  catalog?: readonly CatalogModel[];
};

export type ResolvedModel = {
  /** The catalog model id, without a provider prefix. */
  modelId: string;
  /** Set when the name was `provider/model`. */
  pinnedProvider: string | undefined;
  /** Offerings able to serve the model, in registry order (routing orders them later). */
  candidates: ProviderOffering[];
  card: CatalogModel | undefined;
};

export type ModelEntry = { id: string; card: CatalogModel | undefined; offerings: ProviderOffering[] };

export type Registry = {
  readonly providers: ReadonlyMap<string, VideoProvider>;
  provider(id: string): VideoProvider;
  offerings(): ProviderOffering[];
  models(): ModelEntry[];
  model(id: string): ModelEntry | undefined;
  /** `sora-2-pro` → every offering of it; `fal/sora-2-pro` → fal's only. */
  resolve(name: string): ResolvedModel;
  /** Every parameter some provider declares as its own (secret ones included), for provider-only routing. */
  readonly providerParameters: ReadonlySet<string>;
  /** Every parameter some provider declares as carrying a credential: never stored or shown in plain text. */
  readonly secretParameters: ReadonlySet<string>;
};

/**
 * Composes providers and the catalog into one place to look models up. Every offering is validated against
 * the contract first: an invalid one throws `InvalidOfferingError` naming the provider, offering and path.
 */
export function createRegistry(options: RegistryOptions): Registry {
  const providers = new Map<string, VideoProvider>();
  for (const provider of options.providers) {
    if (providers.has(provider.id))
      throw new Error(`Two providers share the id '${provider.id}'. Give one another id.`);
    providers.set(provider.id, provider);
  }
  const cards = new Map((options.catalog ?? []).map((card) => [card.id, card]));
  const offerings: ProviderOffering[] = [...providers.values()].flatMap((provider) =>
    provider.offerings.map((offering, index) => ({
      ...validOffering(provider.id, offering, index),
      provider: provider.id,
      id: `${provider.id}/${offering.model}`,
    })),
  );
  const byModel = new Map<string, ProviderOffering[]>();
  for (const offering of offerings) {
    const list = byModel.get(offering.model) ?? [];
    list.push(offering);
    byModel.set(offering.model, list);
  }
  const modelIds = [...new Set([...byModel.keys()])].sort();
  const secretParameters = new Set(offerings.flatMap((offering) => offering.secretParameters ?? []));
  const providerParameters = new Set([
    ...offerings.flatMap((offering) => offering.providerParameters),
    ...secretParameters,
  ]);
  const entry = (id: string): ModelEntry => ({ id, card: cards.get(id), offerings: byModel.get(id) ?? [] });

  return {
    providers,
    providerParameters,
    secretParameters,
    provider(id) {
      const provider = providers.get(id);
      if (!provider) throw new NoSuchProviderError({ providerId: id, available: [...providers.keys()] });
      return provider;
    },
    offerings: () => [...offerings],
    models: () => modelIds.map(entry),
    model: (id) => (byModel.has(id) ? entry(id) : undefined),
    resolve(name) {
      const slash = name.indexOf('/');
      const prefix = slash > 0 ? name.slice(0, slash) : undefined;
      const pinnedProvider = prefix !== undefined && providers.has(prefix) ? prefix : undefined;
      const modelId = pinnedProvider !== undefined ? name.slice(slash + 1) : name;
      const all = byModel.get(modelId);
      if (!all) {
        const suggestion = cards.get(modelId)
          ? `No configured provider serves '${modelId}'. Configure one of its providers, or pick a served model: ${listSome(modelIds)}.`
          : undefined;
        throw new NoSuchModelError({
          modelId: name,
          available: modelIds,
          ...(suggestion ? { message: suggestion } : {}),
        });
      }
      const candidates = pinnedProvider
        ? all.filter((offering) => offering.provider === pinnedProvider)
        : all;
      if (candidates.length === 0) {
        throw new NoSuchModelError({
          modelId: name,
          available: all.map((offering) => offering.id),
          message: `Provider '${pinnedProvider}' does not serve '${modelId}'. It is served as: ${all.map((offering) => offering.id).join(', ')}.`,
        });
      }
      return { modelId, pinnedProvider, candidates, card: cards.get(modelId) };
    },
  };
}

function validOffering(providerId: string, offering: VideoOffering, index: number): VideoOffering {
  const result = videoOfferingSchema.safeParse(offering);
  if (result.success) return result.data;
  const model = typeof offering?.model === 'string' ? ` '${offering.model}'` : '';
  throw new InvalidOfferingError({
    providerId,
    offering: `offerings[${index}]${model}`,
    issues: result.error.issues,
  });
}
