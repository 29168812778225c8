/**
 * A non-fatal note about a request: something was changed, ignored or is about to stop working.
 * Warnings travel with the job and are shown to the user in `metadata.warnings`.
 */
export type VideoWarning =
  | { type: 'unsupported'; feature: string; details?: string }
  | { type: 'compatibility'; feature: string; details?: string }
  | { type: 'deprecated'; setting: string; message: string }
  | { type: 'other'; message: string };
