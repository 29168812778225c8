import type { ApiKeyLimits, ApiKeyRow, ApiKeyScope } from './api-key-store';

/** `api_keys` as both SQL stores read it. */
export type ApiKeySqlRow = {
  id: string;
  name: string;
  key_hash: string;
  scope: string;
  created_at: number;
  revoked_at: number | null;
  daily_budget_micros: number | null;
  monthly_budget_micros: number | null;
  requests_per_minute: number | null;
};

export const apiKeyColumns =
  'id, name, key_hash, scope, created_at, revoked_at, daily_budget_micros, monthly_budget_micros, requests_per_minute';

export const limitColumns: Record<keyof ApiKeyLimits, string> = {
  dailyBudgetMicros: 'daily_budget_micros',
  monthlyBudgetMicros: 'monthly_budget_micros',
  requestsPerMinute: 'requests_per_minute',
};

const nullableNumber = (value: number | null) => (value === null ? null : Number(value));

export function toApiKeyRow(row: ApiKeySqlRow): ApiKeyRow {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    scope: row.scope as ApiKeyScope,
    createdAt: Number(row.created_at),
    revokedAt: nullableNumber(row.revoked_at),
    dailyBudgetMicros: nullableNumber(row.daily_budget_micros),
    monthlyBudgetMicros: nullableNumber(row.monthly_budget_micros),
    requestsPerMinute: nullableNumber(row.requests_per_minute),
  };
}

/** The limits present in `limits`, as column/value pairs for an UPDATE. */
export function limitAssignments(limits: Partial<ApiKeyLimits>): Array<[string, number | null]> {
  return (Object.keys(limitColumns) as Array<keyof ApiKeyLimits>)
    .filter((field) => limits[field] !== undefined)
    .map((field) => [limitColumns[field], limits[field] ?? null]);
}
