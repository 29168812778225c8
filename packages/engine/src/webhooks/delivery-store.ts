/** One outgoing webhook event and where its delivery stands. */
export type WebhookDelivery = {
  eventId: string;
  /** The top-level job the event is about. */
  jobId: string;
  url: string;
  type: string;
  /** The exact body sent on every attempt. */
  payload: string;
  attempts: number;
};

export type NewWebhookDelivery = Omit<WebhookDelivery, 'attempts'>;

/** The queue of outgoing webhook events: pending events survive restarts and are sent until delivered or given up. */
export type DeliveryStore = {
  /** Stores the event unless the job has one already; says whether it was stored. */
  add(delivery: NewWebhookDelivery): Promise<boolean>;
  /**
   * Claims up to `limit` deliveries due at `at` by moving their next attempt to `leaseUntil`, atomically, so
   * that of several senders sharing the store exactly one gets each delivery. A claim left by a crashed
   * sender is due again once its lease passes.
   */
  claimDue(at: number, limit: number, leaseUntil: number): Promise<WebhookDelivery[]>;
  /** The earliest pending attempt, if any. */
  nextDueAt(): Promise<number | undefined>;
  /** Moves the next attempt of a pending delivery (back to now after an interrupted attempt). */
  postpone(eventId: string, at: number): Promise<void>;
  delivered(eventId: string): Promise<void>;
  retryAt(eventId: string, at: number, error: string): Promise<void>;
  gaveUp(eventId: string, error: string): Promise<void>;
};
