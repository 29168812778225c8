import { usageError } from '../cli-error';

/** Every spelling of a new plugin's name that its files use, from the id the author gives (`acme-labs`). */
export type PluginNames = {
  /** `acme-labs`: the provider id (`acme-labs/<model>`), file prefix and config name. */
  id: string;
  /** `AcmeLabs`: `createAcmeLabs`, `AcmeLabsProviderSettings`. */
  pascal: string;
  /** `acmeLabs`: `acmeLabsSettingsSchema`, `acmeLabsOfferings`. */
  camel: string;
  /** `ACME_LABS`: `ACME_LABS_API_KEY`. */
  env: string;
  /** `Acme Labs`: the provider's name in messages. */
  display: string;
  /** `reelay-provider-acme-labs` or the npm name given. */
  packageName: string;
};

const ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function pluginNames(
  id: string,
  options: { packageName?: string; display?: string } = {},
): PluginNames {
  if (!ID.test(id)) {
    throw usageError(
      `'${id}' cannot be a provider id: use lowercase letters, digits and single dashes, starting with a letter (acme, acme-labs).`,
    );
  }
  const packageName = options.packageName ?? `reelay-provider-${id}`;
  if (!PACKAGE_NAME.test(packageName) || packageName.length > 214) {
    throw usageError(`'${packageName}' is not an npm package name (such as @acme/reelay-provider-acme).`);
  }
  const words = id.split('-');
  const pascal = words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return {
    id,
    pascal,
    camel: pascal[0]!.toLowerCase() + pascal.slice(1),
    env: words.join('_').toUpperCase(),
    display: options.display ?? words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join(' '),
    packageName,
  };
}
