/** @module Test databases restored from the migrated template, and acting as Supabase's roles. */
import { readFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { pgtap } from "@electric-sql/pglite-pgtap";
import { databaseExtensions, startSession } from "../../local/db/index.ts";

/** A fresh in-memory database with every migration applied, restored from the run's template. */
export async function freshDatabase(): Promise<PGlite> {
  const template = await readFile(inject("databaseTemplate"));
  const pg = new PGlite({
    loadDataDir: new Blob([template]),
    extensions: { ...databaseExtensions, pgtap },
  });
  await startSession(pg);
  return pg;
}

export type Actor =
  | { role: "anon" }
  | { role: "service_role" }
  | { role: "authenticated"; sub: string };

/** The JWT claims PostgREST would set for this actor. */
export function claimsOf(actor: Actor): Record<string, string> {
  return actor.role === "authenticated" ? { sub: actor.sub, role: actor.role } : { role: actor.role };
}

/**
 * Runs `fn` in a transaction as PostgREST runs a request: `set local role` to the
 * actor's role with its JWT claims in `request.jwt.claims`. Always rolled back, so
 * every call starts from the same data. `setup` runs first as the superuser.
 */
export async function asActor<T>(
  pg: PGlite,
  actor: Actor,
  fn: (tx: Transaction) => Promise<T>,
  setup?: (tx: Transaction) => Promise<unknown>,
): Promise<T> {
  let result!: T;
  await pg.transaction(async (tx) => {
    await setup?.(tx);
    await tx.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
      actor.role,
      JSON.stringify(claimsOf(actor)),
    ]);
    try {
      result = await fn(tx);
    } finally {
      await tx.rollback();
    }
  });
  return result;
}

/** Creates an auth user as GoTrue would (the signup trigger adds the profile); returns its id. */
export async function createUser(pg: PGlite, email = `${randomUUID()}@example.test`): Promise<string> {
  const id = randomUUID();
  await pg.query("insert into auth.users (id, email, aud, role) values ($1, $2, 'authenticated', 'authenticated')", [
    id,
    email,
  ]);
  return id;
}

/** Inserts a row as the superuser and returns its id. */
export async function insertRow(pg: PGlite, table: string, row: Record<string, unknown>): Promise<string> {
  const columns = Object.keys(row);
  const { rows } = await pg.query<{ id: string }>(
    `insert into public.${table} (${columns.join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")}) returning id`,
    Object.values(row),
  );
  return rows[0]!.id;
}

/** What most database tests start from: a fresh database with two users, the owner of what a test makes and another. */
export interface DatabaseWithUsers {
  pg: PGlite;
  owner: string;
  other: string;
}

export async function databaseWithUsers(): Promise<DatabaseWithUsers> {
  const pg = await freshDatabase();
  return { pg, owner: await createUser(pg), other: await createUser(pg) };
}

/** `databaseWithUsers` and a project of the owner's titled `title`. */
export async function databaseWithProject(title: string, mode: "builder" | "student" = "builder"): Promise<DatabaseWithUsers & { project: string }> {
  const seeded = await databaseWithUsers();
  return { ...seeded, project: await insertRow(seeded.pg, "projects", { user_id: seeded.owner, title, mode }) };
}
