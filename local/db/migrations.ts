/** @module Applies supabase/migrations in order and records them as the Supabase CLI does. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";

export interface MigrationFile {
  version: string;
  name: string;
  path: string;
}

const MIGRATION_FILE = /^(\d+)_(.+)\.sql$/;

/** Migration files of `dir`, oldest first, named `<version>_<name>.sql` as the CLI writes them. */
export async function listMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = await readdir(dir);
  return names
    .flatMap((file) => {
      const [, version, name] = MIGRATION_FILE.exec(file) ?? [];
      return version && name ? [{ version, name, path: join(dir, file) }] : [];
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Applies every migration of `dir` not yet in `supabase_migrations.schema_migrations`,
 * each in one transaction together with its history row, so a failing file leaves
 * neither its changes nor its record behind. Returns the versions applied.
 */
export async function applyPendingMigrations(pg: PGlite, dir: string): Promise<string[]> {
  const { rows } = await pg.query<{ version: string }>(
    "select version from supabase_migrations.schema_migrations",
  );
  const applied = new Set(rows.map((row) => row.version));
  const files = await listMigrationFiles(dir);
  const pending = files.filter((file) => !applied.has(file.version));
  const unknown = [...applied].filter((version) => !files.some((file) => file.version === version));
  // As `supabase db push` refuses a remote history with versions it has no file for:
  // the pending files were written for another history (a data directory made before a squash).
  if (pending.length > 0 && unknown.length > 0) {
    throw new Error(
      `the database has applied ${unknown.length} migration(s) that ${dir} does not hold (${unknown[0]}${unknown.length > 1 ? ` … ${unknown.at(-1)}` : ""}), so its pending files were written for another history: start from a new data directory (delete CODEFORGE_DATA_DIR, .codeforge by default)`,
    );
  }
  for (const file of pending) {
    const sql = await readFile(file.path, "utf8");
    try {
      await pg.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query(
          "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
          [file.version, file.name, [sql]],
        );
      });
    } catch (error) {
      throw new Error(`migration ${file.version}_${file.name}.sql failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return pending.map((file) => file.version);
}
