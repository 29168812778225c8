/** This package's version, sent nowhere; for diagnostics. */
export const VERSION = '0.1.0';
