/** This package's version, sent nowhere; for diagnostics and plugin listings. */
export const VERSION = '0.1.0';
