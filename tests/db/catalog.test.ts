import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { listMigrationFiles, supabaseDir } from "../../local/db/index.ts";
import { freshDatabase } from "./harness.ts";
import {
  columnsWithoutComment,
  functionsCallableBy,
  functionsWithMutableSearchPath,
  realtimeTables,
  tablesWithoutComment,
  tablesWithoutRls,
  unindexedForeignKeys,
} from "./catalog.ts";
import { agentJobWrites, agentJobWritesInSources } from "./job-writes.ts";

let pg: PGlite;
beforeAll(async () => {
  pg = await freshDatabase();
});
afterAll(() => pg.close());

/** Runs `sql` in a transaction that is rolled back, and reads the catalog inside it. */
async function afterChange<T>(sql: string, read: (tx: Parameters<Parameters<PGlite["transaction"]>[0]>[0]) => Promise<T>) {
  let result!: T;
  await pg.transaction(async (tx) => {
    await tx.exec(sql);
    result = await read(tx);
    await tx.rollback();
  });
  return result;
}

describe("schema hygiene", () => {
  it("enables RLS on every table in public", async () => {
    expect(await tablesWithoutRls(pg)).toEqual([]);
  });

  it("lets API roles call only the functions meant for them; engine, history and Studio internals are service-role only", async () => {
    expect(await functionsCallableBy(pg, "anon")).toEqual([
      "chat_stage_label", "manifest_tree_hash", "match_documents", "match_patterns", "studio_setting_int",
    ]);
    expect(await functionsCallableBy(pg, "authenticated")).toEqual([
      "chat_stage_label",
      "deleted_projects (security definer)",
      "import_project_files (security definer)",
      "manifest_tree_hash",
      "match_documents",
      "match_patterns",
      "post_chat_message",
      "project_manifest_problems",
      "save_project_file (security definer)",
      "set_project_deleted (security definer)",
      "studio_set_deleted (security definer)",
      "studio_setting_int",
      "studio_trash (security definer)",
    ]);
  });

  it("changes agent_jobs only through SQL functions: no TypeScript outside the tests writes the table", async () => {
    expect(await agentJobWritesInSources()).toEqual([]);
  });

  it("flags a supabase-js chain or SQL text that writes agent_jobs", () => {
    const source = [
      `await service.from("agent_jobs")\n  .update({ status: "cancelled" })\n  .eq("id", id);`,
      `await db.from('agent_jobs').select("status").eq("id", id);`,
      `await service.from("agent_jobs").insert({ project_id }).select("id").single();`,
      "await pg.query(`delete from public.agent_jobs where id = $1`, [id]);",
    ].join("\n");
    expect(agentJobWrites(source)).toEqual([
      `.from("agent_jobs") .update({ status: "cancelled" }) .eq("id", id)`,
      `.from("agent_jobs").insert({ project_id }).select("id").single()`,
      "delete from public.agent_jobs",
    ]);
  });

  it("flags a new function left callable by anon", async () => {
    const created = "create function public.leaky() returns int language sql set search_path = '' as 'select 1'";
    expect(await afterChange(created, (tx) => functionsCallableBy(tx, "anon"))).toContain("leaky");
  });

  it("flags a new table created without RLS", async () => {
    expect(await afterChange("create table public.forgotten (id int)", tablesWithoutRls)).toEqual(["forgotten"]);
  });

  it("fixes search_path on every function, security definer or not", async () => {
    expect(await functionsWithMutableSearchPath(pg)).toEqual([]);
  });

  it("flags a security definer function without a fixed search_path", async () => {
    const sql = "create function public.risky() returns int language sql security definer as 'select 1'";
    expect(await afterChange(sql, functionsWithMutableSearchPath)).toEqual(["risky (security definer)"]);
  });

  it("indexes every foreign key", async () => {
    expect(await unindexedForeignKeys(pg)).toEqual([]);
  });

  it("flags an unindexed foreign key", async () => {
    const sql = "create table public.notes (id int primary key, project_id uuid references public.projects(id))";
    expect(await afterChange(sql, unindexedForeignKeys)).toEqual(["notes.notes_project_id_fkey"]);
  });

  it("comments every table for the dashboard", async () => {
    expect(await tablesWithoutComment(pg)).toEqual([]);
  });

  it("comments every column (but id and timestamps) for the dashboard", async () => {
    expect(await columnsWithoutComment(pg)).toEqual([]);
  });

  it("names no specification document in a catalog comment (they are not in the repository)", async () => {
    const { rows } = await pg.query<{ description: string }>(`select description from pg_catalog.pg_description where description ~* 'seed 00[0-9]'`);
    expect(rows.map((row) => row.description)).toEqual([]);
  });

  it("publishes projects, jobs, the chat, comments, notifications and Studio orders to Supabase Realtime", async () => {
    expect(await realtimeTables(pg)).toEqual([
      "public.agent_jobs", "public.chat_messages", "public.chat_threads", "public.comment_threads", "public.comments", "public.job_events",
      "public.notifications", "public.order_items", "public.orders", "public.products", "public.projects",
    ]);
  });

  it("records every migration file in supabase_migrations.schema_migrations", async () => {
    const files = await listMigrationFiles(`${supabaseDir}migrations`);
    const { rows } = await pg.query<{ version: string; name: string }>(
      "select version, name from supabase_migrations.schema_migrations order by version",
    );
    expect(rows).toEqual(files.map(({ version, name }) => ({ version, name })));
  });

  it("gives service_role the right to bypass RLS and the API roles none", async () => {
    const { rows } = await pg.query<{ rolname: string; rolbypassrls: boolean }>(
      "select rolname, rolbypassrls from pg_roles where rolname in ('anon', 'authenticated', 'service_role') order by 1",
    );
    expect(rows).toEqual([
      { rolname: "anon", rolbypassrls: false },
      { rolname: "authenticated", rolbypassrls: false },
      { rolname: "service_role", rolbypassrls: true },
    ]);
  });
});
