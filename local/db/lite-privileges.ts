/** @module Keeps the migrations' table privileges from @supabase/lite's blanket grant. */
import type { PgliteConnection } from "@supabase/lite/pglite";

/**
 * On its first RLS-bound request @supabase/lite creates the API roles and grants
 * them ALL on every table of each schema that holds an RLS-enabled table
 * (`ensureRlsContext`). That undoes the migrations' revokes and column grants
 * (an owner could PATCH projects.product_count), and it is kept in the data
 * directory. platform.sql already gives the roles and grants a Supabase project
 * has, so the step is marked done before it can run.
 */
export function keepMigrationPrivileges(connection: PgliteConnection): void {
  const lite = connection as unknown as { rlsState?: string };
  if (lite.rlsState !== "unknown") {
    throw new Error(`@supabase/lite's RLS set-up state is ${String(lite.rlsState)}, not "unknown": check keepMigrationPrivileges against this version`);
  }
  lite.rlsState = "active";
}
