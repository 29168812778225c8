import { InvalidRequestError } from '@reelay/core';

/**
 * rate × seconds. The seconds are taken to the nearest millisecond first, so the arithmetic stays in integers;
 * the product is then rounded to the nearest micro-USD, halves up. A positive duration never costs less than
 * 1 micro-USD, so no priced video is ever free.
 */
export function microsForSeconds(rateMicros: number, seconds: number, field: string): number {
  const milliseconds = Math.round(seconds * 1000);
  const thousandths = rateMicros * milliseconds;
  if (!Number.isSafeInteger(thousandths)) {
    throw new InvalidRequestError({
      message: `${field} ${seconds} is too large to price.`,
      param: 'seconds',
    });
  }
  return Math.max(1, Math.floor((thousandths + 500) / 1000));
}

/** An amount per second, from a per-video price: price ÷ seconds, nearest micro-USD, halves up, at least 1. */
export function microsPerSecondOf(videoMicros: number, seconds: number): number {
  return Math.max(1, Math.floor((2 * videoMicros + seconds) / (2 * seconds)));
}

export function timesCount(micros: number, n: number): number {
  const total = micros * n;
  if (!Number.isSafeInteger(total)) {
    throw new InvalidRequestError({ message: `n ${n} is too large to price.`, param: 'n' });
  }
  return total;
}

/** Seconds must be a finite number above zero: a zero-second video has no price. */
export function assertPositiveSeconds(seconds: number, field: string): void {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new InvalidRequestError({
      message: `${field} must be a number of seconds above zero, got ${seconds}.`,
      param: 'seconds',
    });
  }
}

export function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InvalidRequestError({
      message: `n must be a whole number of videos, 1 or more, got ${n}.`,
      param: 'n',
    });
  }
}
