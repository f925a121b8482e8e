/** @module Where the local stack listens and keeps its data, from the environment. */
import { resolve } from "node:path";

export interface StackConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The Postgres wire protocol's port (0: a free one); absent: not served (tests that do not ask for it). */
  dbPort?: number;
  /** Absolute path of the data directory: database, keys, storage objects, Deno cache. */
  dataDir: string;
  /** Keep the database in memory (tests); files still go under dataDir. */
  inMemoryDatabase: boolean;
  /** Apply supabase/migrations on start (default true); false serves a database with none (tests of the Supabase CLI). */
  applyMigrations?: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): StackConfig {
  return {
    host: env.CODEFORGE_HOST ?? "127.0.0.1",
    port: Number(env.CODEFORGE_PORT ?? 54321),
    dbPort: Number(env.CODEFORGE_DB_PORT ?? 54322),
    dataDir: resolve(env.CODEFORGE_DATA_DIR ?? ".codeforge"),
    inMemoryDatabase: false,
  };
}

/** The connection string printed as `DB_URL` (PGlite accepts any password; Supabase's local one is `postgres`). */
export function databaseUrl(host: string, port: number): string {
  return `postgresql://postgres:postgres@${host}:${port}/postgres`;
}
