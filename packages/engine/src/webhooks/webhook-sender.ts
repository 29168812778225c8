import { type SafeFetcher, signStandardWebhook, UnsafeUrlError } from '@reelay/provider-utils';
import type { DeliveryStore, NewWebhookDelivery, WebhookDelivery } from './delivery-store';

export type WebhookAttempt = {
  outcome: 'delivered' | 'retry' | 'failed';
  delivery: WebhookDelivery;
  /** The receiver's status, when it answered. */
  status: number | undefined;
  problem: string | undefined;
  /** When the next attempt is due, for a retry. */
  retryAt: number | undefined;
};

export type WebhookSenderOptions = {
  deliveries: DeliveryStore;
  /** Posts with the SSRF checks; never with credentials. */
  fetcher: SafeFetcher;
  /** `whsec_…`: what receivers verify the signature with. */
  secret: string;
  now: () => number;
  /** The delay before each retry; its length is the number of retries. */
  retryDelaysMs: readonly number[];
  /** One attempt, connect to the end of the answer. */
  timeoutMs: number;
  /** After each attempt: how it went, and for a retry or give-up, why (never the payload). */
  onAttempt?: (attempt: WebhookAttempt) => void;
  /**
   * With other processes adding deliveries to the same store, how often to look for due ones even when none
   * was known to this process. Default: never (only this process adds deliveries).
   */
  peekMs?: number;
};

export type WebhookSender = ReturnType<typeof createWebhookSender>;

const MAX_IN_FLIGHT = 16;
/** Past an attempt's timeout: how long a row stays leased, so a crash mid-attempt delays its resend by this. */
const LEASE_GRACE_MS = 5_000;
/** After the store could not be read: when to try again. */
const STORE_RETRY_MS = 1_000;

/**
 * Sends stored webhook events as Standard Webhooks (signed `webhook-id` / `webhook-timestamp` /
 * `webhook-signature`), retrying failures on `retryDelaysMs`. The table is the queue: every state change is
 * committed, so a restart resumes where the last process stopped. One timer for all deliveries.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  const { deliveries } = options;
  const inFlight = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let started = false;
  let claiming: Promise<void> | undefined;
  let tickAgain = false;

  function arm(at: number | undefined): void {
    if (!started || at === undefined || at >= timerAt) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(tick, Math.min(Math.max(0, at - options.now()), 60_000));
    timer.unref();
  }

  function tick(): void {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    if (!started) return;
    if (claiming) {
      tickAgain = true; // something became due while claiming: look once more when the claim is done
      return;
    }
    const free = MAX_IN_FLIGHT - inFlight.size;
    if (free <= 0) return; // a finishing attempt re-arms
    claiming = claimAndLaunch(free)
      .catch(() => options.now() + STORE_RETRY_MS)
      .then((next) => {
        claiming = undefined;
        const again = tickAgain;
        tickAgain = false;
        if (inFlight.size < MAX_IN_FLIGHT) arm(again ? options.now() : next);
      });
  }

  /** Claims due deliveries (a lease, so another sender sharing the store skips them) and sends them. */
  async function claimAndLaunch(free: number): Promise<number | undefined> {
    const now = options.now();
    const claimed = await deliveries.claimDue(now, free, now + options.timeoutMs + LEASE_GRACE_MS);
    for (const delivery of claimed) launch(delivery);
    return nextDue();
  }

  /** The earliest pending attempt; with others sharing the store, no later than `peekMs` from now. */
  async function nextDue(): Promise<number | undefined> {
    const at = await deliveries.nextDueAt();
    if (options.peekMs === undefined) return at;
    return Math.min(at ?? Number.POSITIVE_INFINITY, options.now() + options.peekMs);
  }

  function launch(delivery: WebhookDelivery): void {
    const attempt = send(delivery)
      .catch(() => undefined)
      .finally(() => {
        inFlight.delete(delivery.eventId);
        if (started) void nextDue().then(arm, () => arm(options.now() + STORE_RETRY_MS));
      });
    inFlight.set(delivery.eventId, attempt);
  }

  async function send(delivery: WebhookDelivery): Promise<void> {
    const signature = signStandardWebhook({
      secret: options.secret,
      id: delivery.eventId,
      timestamp: options.now() / 1000,
      body: delivery.payload,
    });
    let problem: string;
    let status: number | undefined;
    let permanent = false;
    try {
      const response = await options.fetcher.post(delivery.url, {
        body: delivery.payload,
        headers: { 'content-type': 'application/json', 'user-agent': 'reelay-webhooks', ...signature },
        timeoutMs: options.timeoutMs,
        abortSignal: stopping.signal,
      });
      status = response.status;
      if (response.status >= 200 && response.status < 300) {
        await deliveries.delivered(delivery.eventId);
        options.onAttempt?.({
          outcome: 'delivered',
          delivery,
          status,
          problem: undefined,
          retryAt: undefined,
        });
        return;
      }
      problem = `the receiver answered HTTP ${response.status}`;
    } catch (error) {
      if (stopping.signal.aborted) {
        // Interrupted by stop(): not an attempt. The next start sends it again, with the same webhook-id.
        await deliveries.postpone(delivery.eventId, options.now());
        return;
      }
      // The address is refused by policy: retrying cannot help.
      permanent = UnsafeUrlError.isInstance(error);
      problem = error instanceof Error ? error.message : String(error);
    }
    const delay = permanent ? undefined : options.retryDelaysMs[delivery.attempts];
    if (delay === undefined) {
      await deliveries.gaveUp(delivery.eventId, problem);
      options.onAttempt?.({ outcome: 'failed', delivery, status, problem, retryAt: undefined });
    } else {
      const retryAt = options.now() + delay;
      await deliveries.retryAt(delivery.eventId, retryAt, problem);
      options.onAttempt?.({ outcome: 'retry', delivery, status, problem, retryAt });
    }
  }

  return {
    /** Stores an event (once per job) and sends it as soon as possible. */
    async enqueue(delivery: NewWebhookDelivery): Promise<void> {
      if (await deliveries.add(delivery)) arm(options.now());
    },
    /** Sends whatever is pending, including what an earlier process left. */
    start(): void {
      if (started) return;
      started = true;
      arm(options.now());
    },
    /** Stops sending; attempts in flight are aborted and sent again on the next start. */
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      timerAt = Number.POSITIVE_INFINITY;
      stopping.abort();
      await claiming;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}
