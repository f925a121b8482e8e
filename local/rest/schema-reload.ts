/**
 * @module PostgREST's reload signal: `NOTIFY pgrst` ('reload schema', 'reload config', or empty for
 * both), sent by the pgrst_ddl_watch/pgrst_drop_watch event triggers on DDL (local/db/platform.sql),
 * by a migration, or by hand. The next request reloads what was asked for before it runs.
 */
import type { LocalDatabase } from "../db/index.ts";

export interface Reloaders {
  schema(): Promise<void>;
  config(): Promise<void>;
}

export interface ReloadSignal {
  /** Runs the reloads asked for since the last call (cheap when none). */
  apply(): Promise<void>;
  close(): Promise<void>;
}

export async function listenForReload(db: LocalDatabase, reload: Reloaders): Promise<ReloadSignal> {
  let schemaStale = false;
  let configStale = false;
  const unlisten = await db.exclusive(() =>
    db.pg.listen("pgrst", (payload) => {
      const what = payload.trim().toLowerCase();
      if (what === "" || what === "reload schema") schemaStale = true;
      if (what === "" || what === "reload config") configStale = true;
    }),
  );
  return {
    async apply() {
      if (!schemaStale && !configStale) return;
      await db.exclusive(async () => {
        // Config first: it names the schemas the schema cache covers.
        if (configStale) {
          configStale = false;
          await reload.config();
        }
        if (schemaStale) {
          schemaStale = false;
          await reload.schema();
        }
      });
    },
    close: () => db.exclusive(() => unlisten()).catch(() => undefined),
  };
}
