/** @module Sends a transaction's opening statements (BEGIN, set_config, SET LOCAL ROLE) to PGlite in one round trip. */
import type { PGlite, Results } from "@electric-sql/pglite";

/**
 * @supabase/lite opens every request with BEGIN and up to eleven
 * `SELECT set_config('…', $1, true)` / `SET LOCAL ROLE` statements, each awaited
 * on its own; every PGlite call costs a trip through the WASM protocol layer.
 * They only change transaction-local settings and their results are unused, so
 * they are held back and sent as one simple-protocol batch just before the next
 * statement that reads data. An error in the batch surfaces on that statement,
 * still inside the request that caused it.
 */
const SET_CONFIG = /^SELECT set_config\('([a-z_.]+)', \$1, true\)$/;
const SET_LOCAL_ROLE = /^SET LOCAL ROLE ("[a-z_]+"|[a-z_]+)$/;

const NOTHING: Results = { rows: [], fields: [], affectedRows: 0 };

/** A SQL string literal; PGlite runs with standard_conforming_strings on, so only quotes need doubling. */
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The statement as it joins the batch, or null when it must run on its own. */
export function deferredStatement(sql: string, params: unknown[] | undefined): string | null {
  if (sql === "BEGIN" && !params?.length) return "BEGIN";
  const setting = SET_CONFIG.exec(sql);
  if (setting && params?.length === 1 && typeof params[0] === "string") {
    return `select set_config(${literal(setting[1]!)}, ${literal(params[0])}, true)`;
  }
  if (SET_LOCAL_ROLE.test(sql) && !params?.length) return sql;
  return null;
}

/**
 * Wraps `pg.query` and `pg.exec` so deferrable statements are batched. Safe
 * because the local stack runs one request at a time on the connection
 * (`LocalDatabase.exclusive()`); anything else run on `pg` sends the batch first.
 */
export function batchTransactionSettings(pg: PGlite): void {
  const pending: string[] = [];
  const query = pg.query.bind(pg);
  const exec = pg.exec.bind(pg);
  const transaction = pg.transaction.bind(pg);

  async function flush(): Promise<void> {
    if (!pending.length) return;
    const batch = pending.splice(0).join("; ");
    await exec(batch);
  }

  pg.query = (async (sql: string, params?: unknown[], options?: Parameters<typeof query>[2]) => {
    const deferred = deferredStatement(sql, params);
    if (deferred) {
      pending.push(deferred);
      return NOTHING;
    }
    await flush();
    return query(sql, params, options);
  }) as typeof pg.query;
  pg.exec = (async (...args: Parameters<typeof exec>) => {
    await flush();
    return exec(...args);
  }) as typeof pg.exec;
  pg.transaction = (async (...args: Parameters<typeof transaction>) => {
    await flush();
    return transaction(...args);
  }) as typeof pg.transaction;
}
