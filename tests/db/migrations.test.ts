import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { applyPendingMigrations, openDatabase, supabaseDir } from "../../local/db/index.ts";
import { freshDatabase } from "./harness.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "codeforge-migrations-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function withMigrations(extra: Record<string, string>): Promise<string> {
  const migrations = join(dir, `m${Math.random().toString(36).slice(2)}`);
  await cp(`${supabaseDir}migrations`, migrations, { recursive: true });
  for (const [file, sql] of Object.entries(extra)) await writeFile(join(migrations, file), sql);
  return migrations;
}
const versions = async (pg: PGlite) =>
  (await pg.query<{ version: string }>("select version from supabase_migrations.schema_migrations order by 1")).rows.map(
    (row) => row.version,
  );

describe("migrations", () => {
  it("applies only the new migration on a migrated database", async () => {
    const pg = await freshDatabase();
    const migrations = await withMigrations({
      "20990101000000_add_note.sql": "alter table public.projects add column note text;",
    });
    expect(await applyPendingMigrations(pg, migrations)).toEqual(["20990101000000"]);
    expect(await applyPendingMigrations(pg, migrations)).toEqual([]);
    await pg.query("select note from public.projects");
    await pg.close();
  });

  it("leaves neither changes nor a record behind when a migration fails", async () => {
    const pg = await freshDatabase();
    const before = await versions(pg);
    const migrations = await withMigrations({
      "20990101000000_broken.sql": "alter table public.projects add column note text; select no_such_function();",
    });
    await expect(applyPendingMigrations(pg, migrations)).rejects.toThrow(/20990101000000_broken\.sql failed/);
    expect(await versions(pg)).toEqual(before);
    const { rows } = await pg.query("select 1 from information_schema.columns where table_name = 'projects' and column_name = 'note'");
    expect(rows).toEqual([]);
    await pg.close();
  });

  it("refuses pending files on a database whose history they do not continue (made before a squash)", async () => {
    const pg = await freshDatabase();
    const before = await versions(pg);
    await pg.query("insert into supabase_migrations.schema_migrations (version, name) values ('20200101000000', 'squashed_away')");
    const migrations = await withMigrations({ "20990101000000_add_note.sql": "alter table public.projects add column note text;" });
    await expect(applyPendingMigrations(pg, migrations)).rejects.toThrow(/applied 1 migration\(s\) that .* does not hold \(20200101000000\).*new data directory/);
    expect(await versions(pg)).toEqual(["20200101000000", ...before].sort());
    await pg.close();
  });

  it("keeps data across a restart of a database on disk and applies nothing twice", async () => {
    const dataDir = join(dir, "data");
    const first = await openDatabase({ dataDir });
    expect(first.applied.length).toBeGreaterThan(0);
    await first.pg.query("insert into auth.users (id, email) values (gen_random_uuid(), 'kept@example.test')");
    await first.pg.close();

    const second = await openDatabase({ dataDir });
    expect(second.applied).toEqual([]);
    const { rows } = await second.pg.query("select 1 from public.profiles p join auth.users u on u.id = p.id where u.email = 'kept@example.test'");
    expect(rows).toHaveLength(1);
    await second.pg.close();
  });
});
