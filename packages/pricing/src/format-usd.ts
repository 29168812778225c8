const MICROS_PER_USD = 1_000_000;

/**
 * Integer micro-USD as an exact USD decimal: at least two fraction digits, more only when needed, never
 * rounded. `4_000_000` → `"4.00"`, `300_000` → `"0.30"`, `112_000` → `"0.112"`, `2_412_001` → `"2.412001"`.
 */
export function microsToUsdString(micros: number): string {
  if (!Number.isSafeInteger(micros)) {
    throw new RangeError(`micros must be a safe integer number of micro-USD, got ${micros}`);
  }
  const sign = micros < 0 ? '-' : '';
  const magnitude = Math.abs(micros);
  const whole = Math.floor(magnitude / MICROS_PER_USD);
  const fraction = String(magnitude % MICROS_PER_USD)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${sign}${whole}.${fraction}`;
}

/** For display: `"$0.30"`, `"$4.00"`, `"$0.112"`. Exact like `microsToUsdString`, so it never rounds. */
export function formatUsd(micros: number): string {
  const text = microsToUsdString(micros);
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}
