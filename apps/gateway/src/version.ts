import { readFileSync } from 'node:fs';

/** This gateway's version, from its package.json (one folder up from `src/` and from `dist/`). */
export const GATEWAY_VERSION: string = (() => {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
})();
