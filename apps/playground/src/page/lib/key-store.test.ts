import { describe, expect, it } from 'vitest';
import { loadKey, maskKey, saveKey } from './key-store';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (name: string) => values.get(name) ?? null,
    setItem: (name: string, value: string) => void values.set(name, value),
    removeItem: (name: string) => void values.delete(name),
  };
}

describe('key store', () => {
  it('saves a trimmed key, loads it back, and forgets it', () => {
    const storage = memoryStorage();
    expect(loadKey(storage)).toBeUndefined();
    saveKey(storage, '  rl_live_abcdefghijklmnop  ');
    expect(loadKey(storage)).toBe('rl_live_abcdefghijklmnop');
    saveKey(storage, '   ');
    expect(loadKey(storage)).toBeUndefined();
  });

  it('treats blocked storage as empty instead of failing the page', () => {
    const blocked = {
      getItem: (): string | null => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadKey(blocked)).toBeUndefined();
    expect(() => saveKey(blocked, 'rl_x')).not.toThrow();
    expect(loadKey(undefined)).toBeUndefined();
  });

  it.each([
    ['rl_live_abcdefghijklmnop', 'rl_li…mnop'],
    ['short', '•••••'],
  ])('masks %s as %s', (key, masked) => {
    expect(maskKey(key)).toBe(masked);
  });
});
