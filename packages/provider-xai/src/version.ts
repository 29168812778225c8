declare const __PACKAGE_VERSION__: string | undefined;

/**
 * The package version, also sent in the `user-agent` header: package.json's, put in at build time by tsup (and by
 * the vitest config in tests). `0.0.0-dev` only where the source runs untransformed.
 */
export const VERSION: string = typeof __PACKAGE_VERSION__ === 'string' ? __PACKAGE_VERSION__ : '0.0.0-dev';
