export type CircuitState = 'closed' | 'open' | 'half-open';

export type CircuitBreakerOptions = {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold: number;
  /** Time an open circuit waits before letting a trial request through (half-open). Default 30 s. */
  resetMs: number;
};

export const defaultCircuitBreakerOptions: CircuitBreakerOptions = { failureThreshold: 5, resetMs: 30_000 };

type ProviderHealth = { consecutiveFailures: number; openedAt: number | undefined };

/**
 * Per-provider health. An open provider is not excluded, only ordered last: when it is the only one able
 * to serve a request, trying it beats refusing.
 */
export type CircuitBreakers = ReturnType<typeof createCircuitBreakers>;

export function createCircuitBreakers(options: CircuitBreakerOptions, now: () => number) {
  const health = new Map<string, ProviderHealth>();
  const entry = (provider: string) => {
    let value = health.get(provider);
    if (!value) {
      value = { consecutiveFailures: 0, openedAt: undefined };
      health.set(provider, value);
    }
    return value;
  };

  const state = (provider: string): CircuitState => {
    const value = health.get(provider);
    if (value?.openedAt === undefined) return 'closed';
    return now() - value.openedAt >= options.resetMs ? 'half-open' : 'open';
  };

  return {
    state,
    isHealthy: (provider: string) => state(provider) !== 'open',
    consecutiveFailures: (provider: string) => health.get(provider)?.consecutiveFailures ?? 0,
    success(provider: string) {
      const value = entry(provider);
      value.consecutiveFailures = 0;
      value.openedAt = undefined;
    },
    failure(provider: string) {
      const value = entry(provider);
      value.consecutiveFailures += 1;
      // A failed half-open trial re-opens the circuit for another full wait.
      if (value.consecutiveFailures >= options.failureThreshold || value.openedAt !== undefined) {
        value.openedAt = now();
      }
    },
  };
}
