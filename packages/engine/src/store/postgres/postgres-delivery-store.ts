import type pg from 'pg';
import type { DeliveryStore } from '../../webhooks/delivery-store';

type DeliveryRow = {
  event_id: string;
  job_id: string;
  url: string;
  type: string;
  payload: string;
  attempts: number;
};

/** The `webhook_deliveries` table in Postgres; `claimDue` skips rows another instance is claiming. */
export function createPostgresDeliveryStore(pool: pg.Pool, now: () => number): DeliveryStore {
  const recordAttempt = async (
    eventId: string,
    next: number | null,
    delivered: number | null,
    failed: number | null,
    error: string | null,
  ) => {
    await pool.query(
      `UPDATE webhook_deliveries
       SET attempts = attempts + 1, next_attempt_at = $1, delivered_at = $2, failed_at = $3, last_error = $4
       WHERE event_id = $5`,
      [next, delivered, failed, error, eventId],
    );
  };
  return {
    async add(delivery) {
      const at = now();
      const { eventId, jobId, url, type, payload } = delivery;
      const result = await pool.query(
        `INSERT INTO webhook_deliveries (event_id, job_id, url, type, payload, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING`,
        [eventId, jobId, url, type, payload, at],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async claimDue(at, limit, leaseUntil) {
      const { rows } = await pool.query<DeliveryRow>(
        `UPDATE webhook_deliveries SET next_attempt_at = $3
         WHERE event_id IN (
           SELECT event_id FROM webhook_deliveries
           WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= $1
           ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING event_id, job_id, url, type, payload, attempts`,
        [at, limit, leaseUntil],
      );
      return rows.map((row) => ({
        eventId: row.event_id,
        jobId: row.job_id,
        url: row.url,
        type: row.type,
        payload: row.payload,
        attempts: row.attempts,
      }));
    },
    async nextDueAt() {
      const { rows } = await pool.query<{ at: number | null }>(
        'SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL',
      );
      return rows[0]?.at ?? undefined;
    },
    async postpone(eventId, at) {
      await pool.query(
        'UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE event_id = $2 AND next_attempt_at IS NOT NULL',
        [at, eventId],
      );
    },
    delivered: (eventId) => recordAttempt(eventId, null, now(), null, null),
    retryAt: (eventId, at, error) => recordAttempt(eventId, at, null, null, error),
    gaveUp: (eventId, error) => recordAttempt(eventId, null, null, now(), error),
  };
}
