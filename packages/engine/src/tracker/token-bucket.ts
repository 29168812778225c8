/** A request budget: `ratePerSecond` tokens a second, bursts up to `capacity`. Time is passed in, never read. */
export type TokenBucket = {
  take(now: number): boolean;
  /** When the next token will be there (now, if one is). */
  nextAt(now: number): number;
};

export function createTokenBucket(ratePerSecond: number, capacity = Math.max(1, ratePerSecond)): TokenBucket {
  let tokens = capacity;
  let updatedAt: number | undefined;
  const refill = (now: number) => {
    if (updatedAt !== undefined && now > updatedAt) {
      tokens = Math.min(capacity, tokens + ((now - updatedAt) / 1000) * ratePerSecond);
    }
    updatedAt = now;
  };
  return {
    take(now) {
      refill(now);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    nextAt(now) {
      refill(now);
      return tokens >= 1 ? now : now + Math.ceil(((1 - tokens) / ratePerSecond) * 1000);
    },
  };
}
