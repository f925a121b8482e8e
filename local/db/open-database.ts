/** @module Opens CodeForge's local Postgres (PGlite) with the Supabase platform pieces and all migrations applied. */
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Mutex } from "async-mutex";
import { App } from "@supabase/lite";
import { PgliteConnection } from "@supabase/lite/pglite";
import type { Extensions, PGlite } from "@electric-sql/pglite";
import { databaseExtensions } from "./extensions.ts";
import { discardInitdbTemplate, initdbTemplate, restoreInitdbTemplate } from "./initdb-template.ts";
import { keepMigrationPrivileges } from "./lite-privileges.ts";
import { applyPendingMigrations } from "./migrations.ts";
import { timestampParsers } from "./timestamps.ts";

export const supabaseDir = fileURLToPath(new URL("../../supabase/", import.meta.url));
const platformSql = fileURLToPath(new URL("./platform.sql", import.meta.url));
const storageSchemaSql = fileURLToPath(new URL("./vendor/storage-schema.sql", import.meta.url));

export interface OpenDatabaseOptions {
  /** Where PGlite keeps its files; in memory when absent. */
  dataDir?: string;
  /** Extra PGlite extensions (the tests add pgTAP). */
  extensions?: Extensions;
  /** Run supabase/seed.sql after the first migration run (default true). */
  seed?: boolean;
  /** Apply supabase/migrations on open (default true); false leaves them to a client such as `supabase db push`. */
  migrations?: boolean;
}

export interface LocalDatabase {
  connection: PgliteConnection;
  pg: PGlite;
  /** Migration versions this open applied. */
  applied: string[];
  /**
   * Runs `fn` with the database to itself. PGlite is one connection: a transaction
   * that spans several awaited queries (as @supabase/lite's BEGIN … COMMIT does)
   * must not let another request's statements run inside it, so every surface of
   * the local stack goes through this.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

/**
 * Opens (or creates) the database: @supabase/lite provisions the `auth` schema
 * and the migration history table, platform.sql adds the roles, grants and
 * publication a Supabase project has, then pending migrations are applied and,
 * on a new database, supabase/seed.sql runs.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<LocalDatabase> {
  const connection = await connect(options);
  keepMigrationPrivileges(connection);
  const pg = connection.driver;
  await new App({ connection, auth: { enabled: true } }).ensureSystemSchema();
  await pg.exec(await readFile(platformSql, "utf8"));
  await pg.exec(await readFile(storageSchemaSql, "utf8"));
  await startSession(pg);
  const { rows } = await pg.query("select 1 from supabase_migrations.schema_migrations limit 1");
  const fresh = rows.length === 0;
  const migrate = options.migrations !== false;
  const applied = migrate ? await applyPendingMigrations(pg, `${supabaseDir}migrations`) : [];
  if (fresh && migrate && options.seed !== false) await runSeed(pg);
  const mutex = new Mutex();
  return { connection, pg, applied, exclusive: (fn) => mutex.runExclusive(fn) };
}

/**
 * A new database starts from the machine's initdb template (see initdb-template.ts).
 * A cached template that cannot be used is discarded and made again.
 */
async function connect(options: OpenDatabaseOptions): Promise<PgliteConnection> {
  const open = async (loadDataDir?: Blob) => {
    const connection = new PgliteConnection({
      url: options.dataDir,
      pgliteOptions: { extensions: { ...databaseExtensions, ...options.extensions }, parsers: timestampParsers, loadDataDir },
    });
    await connection.driver.waitReady;
    return connection;
  };
  const { dataDir } = options;
  if (dataDir && existsSync(join(dataDir, "PG_VERSION"))) return open();
  const openNew = async () => {
    const template = await initdbTemplate();
    if (!dataDir) return open(new Blob([template.tar]));
    await restoreInitdbTemplate(template, dataDir);
    return open();
  };
  try {
    return await openNew();
  } catch (error) {
    console.warn(`[local] the cached initdb output could not be used (${(error as Error).message}); making it again`);
    await discardInitdbTemplate();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    return openNew();
  }
}

/**
 * What a Supabase connection starts with: the `extensions` schema on the search_path.
 * PGlite runs in single-user mode, which skips the role's saved settings, so every
 * opener of a PGlite database calls this.
 */
export async function startSession(pg: PGlite): Promise<void> {
  await pg.exec(`set search_path = "$user", public, extensions`);
}

async function runSeed(pg: PGlite): Promise<void> {
  const seed = await readFile(`${supabaseDir}seed.sql`, "utf8").catch(() => "");
  if (seed.trim()) await pg.exec(seed);
}
