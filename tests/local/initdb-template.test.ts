import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type LocalDatabase } from "../../local/db/index.ts";
import { initdbTemplatePath } from "../../local/db/initdb-template.ts";

// This file's own cache (each test file runs in its own process), so the shared one is never touched.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "codeforge-initdb-"));
  process.env.CODEFORGE_PGLITE_CACHE = join(root, "cache");
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** What a database is made of: its schemas' relations and functions, roles, and recorded migrations. */
async function shape(db: LocalDatabase) {
  const { rows } = await db.pg.query<{ shape: string }>(`
    select concat_ws(' | ',
      (select string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' order by 1) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname not like 'pg_%' and n.nspname <> 'information_schema'),
      (select string_agg(n.nspname || '.' || p.proname, ',' order by 1) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema')),
      (select string_agg(rolname, ',' order by 1) from pg_roles),
      (select string_agg(version, ',' order by 1) from supabase_migrations.schema_migrations)) as shape`);
  return rows[0]!.shape;
}

describe("the initdb template", () => {
  it("is made by the first new database, and a database made from it equals one PGlite's initdb made and keeps its data", async () => {
    const reference = join(root, "made-by-initdb");
    await (await PGlite.create(reference)).close();
    const made = await openDatabase({ dataDir: reference });
    expect(existsSync(await initdbTemplatePath())).toBe(false);

    const restored = await openDatabase({ dataDir: join(root, "restored") });
    expect((await stat(await initdbTemplatePath())).size).toBeGreaterThan(1_000_000);
    expect(restored.applied).toEqual(made.applied);
    expect(await shape(restored)).toBe(await shape(made));

    await restored.pg.query("insert into auth.users (id, email) values ('00000000-0000-4000-8000-000000000001', 'kept@example.test')");
    await restored.pg.close();
    const reopened = await openDatabase({ dataDir: join(root, "restored") });
    expect(reopened.applied).toEqual([]);
    const { rows } = await reopened.pg.query("select email from auth.users where id = '00000000-0000-4000-8000-000000000001'");
    expect(rows).toEqual([{ email: "kept@example.test" }]);

    const inMemory = await openDatabase();
    expect(await shape(inMemory)).toBe(await shape(made));
    await Promise.all([made.pg.close(), reopened.pg.close(), inMemory.pg.close()]);
    // Five databases, four of them migrated: 17 s alone, past 30 s on a busy machine.
  }, 90_000);

  it.each([
    ["in a directory", (name: string) => join(root, name)],
    ["in memory", () => undefined],
  ])("is made again when damaged, and the database opens (%s)", async (_, dataDir) => {
    const path = await initdbTemplatePath();
    await writeFile(path, "not a tar of a data directory".repeat(100));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const dir = dataDir(`after-damage-${Date.now()}`);
    const db = await openDatabase({ dataDir: dir });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("could not be used"));
    warn.mockRestore();
    expect((await db.pg.query("select count(*)::int as n from supabase_migrations.schema_migrations")).rows).toEqual([{ n: db.applied.length }]);
    await db.pg.close();
    expect((await readFile(path)).subarray(0, 10).toString()).not.toBe("not a tar ");
    if (dir) expect(existsSync(`${dir}.partial-${process.pid}`)).toBe(false);
  });
});
