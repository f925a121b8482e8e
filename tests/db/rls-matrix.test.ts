import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { supabaseDir } from "../../local/db/index.ts";
import { asActor, freshDatabase, insertRow } from "./harness.ts";
import {
  actorNames,
  columnCells,
  createFixture,
  findMismatches,
  matrix,
  observe,
  observeColumn,
  operations,
  tableNames,
  type Fixture,
} from "./rls-matrix.ts";

let pg: PGlite;
let fixture: Fixture;

beforeAll(async () => {
  pg = await freshDatabase();
  fixture = await createFixture(pg);
});
afterAll(() => pg.close());

const verb = { select: "reading", insert: "inserting", update: "updating", delete: "deleting" } as const;

describe.each(tableNames)("RLS on %s", (table) => {
  const cells = operations.flatMap((operation) =>
    actorNames.map((actor) => ({ operation, actor, expected: matrix[table].expected[operation][actor] })),
  );
  it.each(cells)("$expected: $actor $operation", async ({ operation, actor, expected }) => {
    expect(await observe(pg, fixture, table, operation, actor), `${actor} ${verb[operation]} ${table}`).toBe(expected);
  });
});

describe("column privileges: what an owner may write", () => {
  it.each(columnCells)("$owner: owner $operation $table.$column", async (c) => {
    expect(await observeColumn(pg, fixture, c, "owner"), `owner ${verb[c.operation]} ${c.table}.${c.column}`).toBe(c.owner);
  });

  it.each(columnCells.filter((c) => c.operation === "update"))("allow: service_role update $table.$column", async (c) => {
    expect(await observeColumn(pg, fixture, c, "service_role")).toBe("allow");
  });

  it("fails when the table-wide update grant comes back, and the trigger alone still refuses", async () => {
    const changed = await freshDatabase();
    try {
      const f = await createFixture(changed);
      await changed.exec("grant update on public.projects, public.chat_threads to authenticated");
      const counter = columnCells.find((c) => c.column === "product_count" && c.operation === "update")!;
      const preview = columnCells.find((c) => c.column === "last_message_preview" && c.operation === "update")!;
      expect(await observeColumn(changed, f, counter, "owner")).toBe("deny");
      expect(await observeColumn(changed, f, preview, "owner")).toBe("deny");
      await changed.exec("drop trigger projects_owner_columns on public.projects; drop trigger chat_threads_owner_columns on public.chat_threads");
      expect(await observeColumn(changed, f, counter, "owner")).toBe("allow");
      expect(await observeColumn(changed, f, preview, "owner")).toBe("allow");
    } finally {
      await changed.close();
    }
  });
});

describe("privileges widened by an older local stack", () => {
  it("are narrowed again by the table privileges migration, column grants included", async () => {
    const changed = await freshDatabase();
    const privileges = async () => (await changed.query(`select
      has_table_privilege('authenticated', 'public.provider_secrets', 'select') as secrets,
      has_table_privilege('anon', 'public.migration_history', 'select') as history,
      has_column_privilege('authenticated', 'public.products', 'file_path', 'update') as product_path,
      has_column_privilege('authenticated', 'public.products', 'rating', 'update') as product_rating,
      has_column_privilege('authenticated', 'public.notifications', 'user_id', 'update') as notification_owner,
      has_column_privilege('authenticated', 'public.notifications', 'read_at', 'update') as notification_read,
      has_column_privilege('authenticated', 'public.collections', 'product_count', 'update') as collection_count,
      has_column_privilege('authenticated', 'public.tags', 'name', 'update') as tag_name`)).rows[0];
    try {
      await changed.exec("grant all on all tables in schema public to anon, authenticated, service_role");
      expect(Object.values((await privileges())!).every(Boolean)).toBe(true);
      await changed.exec(await readFile(`${supabaseDir}migrations/20261207000015_table_privileges.sql`, "utf8"));
      expect(await privileges()).toEqual({
        secrets: false, history: false, product_path: false, product_rating: true,
        notification_owner: false, notification_read: true, collection_count: false, tag_name: true,
      });
    } finally {
      await changed.close();
    }
  });
});

describe("RLS matrix sensitivity", () => {
  it("fails when a policy is dropped", async () => {
    const mismatches = await withChange(`drop policy "Owners can view their live projects" on public.projects`);
    expect(mismatches).toContainEqual({ table: "projects", operation: "select", actor: "owner", expected: "allow", actual: "deny" });
  });

  it("fails when RLS is switched off on a child table", async () => {
    const mismatches = await withChange("alter table public.project_files disable row level security");
    expect(mismatches).toContainEqual({ table: "project_files", operation: "select", actor: "other", expected: "deny", actual: "allow" });
    expect(mismatches).toContainEqual({ table: "project_files", operation: "delete", actor: "anon", expected: "deny", actual: "allow" });
  });

  it("fails when a write policy is added to agent_jobs", async () => {
    const mismatches = await withChange(
      `create policy "too open" on public.agent_jobs for all to authenticated using (true)`,
    );
    expect(mismatches).toContainEqual({ table: "agent_jobs", operation: "update", actor: "other", expected: "deny", actual: "allow" });
  });

  async function withChange(sql: string) {
    const changed = await freshDatabase();
    try {
      const f = await createFixture(changed);
      await changed.exec(sql);
      return await findMismatches(changed, f);
    } finally {
      await changed.close();
    }
  }
});

describe("cross-tenant writes through child tables", () => {
  it("denies moving one's own file into another user's project", async () => {
    const mine = await insertRow(pg, "projects", { user_id: fixture.other, title: "Mine", mode: "builder" });
    const file = await insertRow(pg, "project_files", { project_id: mine, path: "a.ts", content: "" });
    await expect(
      asActor(pg, { role: "authenticated", sub: fixture.other }, (tx) =>
        tx.query("update public.project_files set project_id = $1 where id = $2", [fixture.project, file]),
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("denies giving one's project to another user", async () => {
    await expect(
      asActor(pg, { role: "authenticated", sub: fixture.owner }, (tx) =>
        tx.query("update public.projects set user_id = $1 where id = $2", [fixture.other, fixture.project]),
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });

  it("shows a user only their own projects in an unfiltered select", async () => {
    const { rows } = await asActor(pg, { role: "authenticated", sub: fixture.other }, (tx) =>
      tx.query<{ user_id: string }>("select user_id from public.projects"),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.user_id === fixture.other)).toBe(true);
  });
});

describe("global Studio templates", () => {
  const globalTemplate = async () =>
    (await pg.query<{ id: string }>("select id from public.templates where is_global order by name limit 1")).rows[0]!.id;

  it("are readable by every signed-in user, not by anon", async () => {
    const id = await globalTemplate();
    const read = (actor: Parameters<typeof asActor>[1]) =>
      asActor(pg, actor, (tx) => tx.query("select id from public.templates where id = $1", [id]));
    expect((await read({ role: "authenticated", sub: fixture.other })).rows).toHaveLength(1);
    expect((await read({ role: "anon" })).rows).toHaveLength(0);
  });

  it("cannot be changed, removed or created by a user", async () => {
    const id = await globalTemplate();
    const other = { role: "authenticated", sub: fixture.other } as const;
    const changed = await asActor(pg, other, (tx) =>
      tx.query("update public.templates set name = 'Mine now' where id = $1 returning id", [id]),
    );
    const removed = await asActor(pg, other, (tx) => tx.query("delete from public.templates where id = $1 returning id", [id]));
    expect(changed.rows).toHaveLength(0);
    expect(removed.rows).toHaveLength(0);
    await expect(
      asActor(pg, { role: "authenticated", sub: fixture.owner }, (tx) =>
        tx.query(
          "insert into public.templates (project_id, name, provider, model, parameter_set, is_global) values ($1, 'Everyone''s', 'offline', 'pattern-v1', '{}', true)",
          [fixture.project],
        ),
      ),
    ).rejects.toMatchObject({ code: "42501" });
  });
});
