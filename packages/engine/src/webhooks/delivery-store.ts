import type Database from 'better-sqlite3';

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

export type DeliveryStore = ReturnType<typeof createDeliveryStore>;

type DeliveryRow = {
  event_id: string;
  job_id: string;
  url: string;
  type: string;
  payload: string;
  attempts: number;
};

/** The `webhook_deliveries` table: pending events survive restarts and are sent until delivered or given up. */
export function createDeliveryStore(db: Database.Database, now: () => number) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO webhook_deliveries (event_id, job_id, url, type, payload, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectDue = db.prepare<[number, number], DeliveryRow>(
    `SELECT event_id, job_id, url, type, payload, attempts FROM webhook_deliveries
     WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
  );
  const selectNextDue = db.prepare<[], { at: number | null }>(
    'SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL',
  );
  const setNextAttempt = db.prepare<[number, string]>(
    'UPDATE webhook_deliveries SET next_attempt_at = ? WHERE event_id = ? AND next_attempt_at IS NOT NULL',
  );
  const recordAttempt = db.prepare<[number | null, number | null, number | null, string | null, string]>(
    `UPDATE webhook_deliveries
     SET attempts = attempts + 1, next_attempt_at = ?, delivered_at = ?, failed_at = ?, last_error = ?
     WHERE event_id = ?`,
  );

  return {
    /** Stores the event unless the job has one already; says whether it was stored. */
    add(delivery: NewWebhookDelivery): boolean {
      const at = now();
      const { eventId, jobId, url, type, payload } = delivery;
      return insert.run(eventId, jobId, url, type, payload, at, at).changes > 0;
    },
    due(at: number, limit: number): WebhookDelivery[] {
      return selectDue.all(at, limit).map((row) => ({
        eventId: row.event_id,
        jobId: row.job_id,
        url: row.url,
        type: row.type,
        payload: row.payload,
        attempts: row.attempts,
      }));
    },
    /** The earliest pending attempt, if any. */
    nextDueAt(): number | undefined {
      return selectNextDue.get()?.at ?? undefined;
    },
    /** Moves the next attempt (a lease while one is in flight, or back to now after an interrupted one). */
    postpone(eventId: string, at: number): void {
      setNextAttempt.run(at, eventId);
    },
    delivered(eventId: string): void {
      recordAttempt.run(null, now(), null, null, eventId);
    },
    retryAt(eventId: string, at: number, error: string): void {
      recordAttempt.run(at, null, null, error, eventId);
    },
    gaveUp(eventId: string, error: string): void {
      recordAttempt.run(null, null, now(), error, eventId);
    },
  };
}
