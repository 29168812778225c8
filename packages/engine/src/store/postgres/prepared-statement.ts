import type pg from 'pg';

/**
 * A statement each pooled connection parses and plans once, then only binds and runs: on the retrieve path about a
 * fifth more requests per second (docs/benchmarks.md). Only for fixed texts whose result columns are named: a
 * prepared `SELECT *` fails on every instance still running old code once a rolling deploy's migration adds a
 * column ("cached plan must not change result type").
 */
export function preparedStatement(name: string, text: string): (values?: unknown[]) => pg.QueryConfig {
  const statementName = `reelay_${name}`;
  return (values = []) => ({ name: statementName, text, values });
}
