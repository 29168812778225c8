import type Database from 'better-sqlite3';
import type { DeliveryStore, WebhookDelivery } from '../../webhooks/delivery-store';

type DeliveryRow = {
  event_id: string;
  job_id: string;
  url: string;
  type: string;
  payload: string;
  attempts: number;
};

/** The `webhook_deliveries` table in SQLite. */
export function createSqliteDeliveryStore(db: Database.Database, now: () => number): DeliveryStore {
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
  // One write transaction: SQLite serialises writers, so two processes never claim the same row.
  const claim = db.transaction((at: number, limit: number, leaseUntil: number): WebhookDelivery[] => {
    const rows = selectDue.all(at, limit);
    for (const row of rows) setNextAttempt.run(leaseUntil, row.event_id);
    return rows.map((row) => ({
      eventId: row.event_id,
      jobId: row.job_id,
      url: row.url,
      type: row.type,
      payload: row.payload,
      attempts: row.attempts,
    }));
  });

  return {
    async add(delivery) {
      const at = now();
      const { eventId, jobId, url, type, payload } = delivery;
      return insert.run(eventId, jobId, url, type, payload, at, at).changes > 0;
    },
    async claimDue(at, limit, leaseUntil) {
      return claim.immediate(at, limit, leaseUntil);
    },
    async nextDueAt() {
      return selectNextDue.get()?.at ?? undefined;
    },
    async postpone(eventId, at) {
      setNextAttempt.run(at, eventId);
    },
    async delivered(eventId) {
      recordAttempt.run(null, now(), null, null, eventId);
    },
    async retryAt(eventId, at, error) {
      recordAttempt.run(at, null, null, error, eventId);
    },
    async gaveUp(eventId, error) {
      recordAttempt.run(null, null, now(), error, eventId);
    },
  };
}
