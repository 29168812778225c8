/** A request budget: `ratePerSecond` tokens a second, bursts up to `capacity`. Time is passed in, never read. */
export type TokenBucket = {
  take(now: number): boolean;
  /** When the next token will be there (now, if one is). */
  nextAt(now: number): number;
  /** Changes the rate (and the burst, which follows it) from now on; tokens already there stay, up to the burst. */
  setRate(ratePerSecond: number, now: number): void;
};

export function createTokenBucket(ratePerSecond: number, capacity?: number): TokenBucket {
  let rate = ratePerSecond;
  let burst = capacity ?? Math.max(1, rate);
  let tokens = burst;
  let updatedAt: number | undefined;
  const refill = (now: number) => {
    if (updatedAt !== undefined && now > updatedAt) {
      tokens = Math.min(burst, tokens + ((now - updatedAt) / 1000) * rate);
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
      return tokens >= 1 ? now : now + Math.ceil(((1 - tokens) / rate) * 1000);
    },
    setRate(ratePerSecond, now) {
      refill(now);
      rate = ratePerSecond;
      burst = capacity ?? Math.max(1, rate);
      tokens = Math.min(tokens, burst);
    },
  };
}
