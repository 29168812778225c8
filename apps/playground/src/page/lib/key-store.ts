const STORAGE_KEY = 'reelay.playground.apiKey';

/** The user's gateway key in localStorage; storage that is blocked (private mode, policies) acts as empty. */
export function loadKey(storage: Pick<Storage, 'getItem'> | undefined): string | undefined {
  try {
    const value = storage?.getItem(STORAGE_KEY)?.trim();
    return value ? value : undefined;
  } catch {
    return undefined;
  }
}

export function saveKey(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  key: string | undefined,
): void {
  try {
    const value = key?.trim();
    if (value) storage?.setItem(STORAGE_KEY, value);
    else storage?.removeItem(STORAGE_KEY);
  } catch {
    // nothing to do: the key still applies for this page load
  }
}

/** `rl_abcd…wxyz`: enough to recognise a key without showing it. */
export function maskKey(key: string): string {
  return key.length <= 10 ? '•'.repeat(key.length) : `${key.slice(0, 5)}…${key.slice(-4)}`;
}
