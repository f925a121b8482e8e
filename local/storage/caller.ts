/** @module Who calls Storage, and running SQL as them (RLS decides) or as the Storage service itself. */
import type { Transaction } from "@electric-sql/pglite";
import { credentialsOf, identify, type Identity } from "../auth/identity.ts";
import type { LocalDatabase } from "../db/index.ts";
import type { ProjectKeys } from "../keys.ts";

/** The request's identity, or "service" for statements Storage runs as itself (bucket limits, public reads). */
export type Actor = Identity | "service";

/** The caller of a request that must carry credentials: 401 on a missing or bad key/token. */
export function callerOf(request: Request, keys: ProjectKeys): Promise<Identity> {
  return identify(credentialsOf(request), keys);
}

/**
 * The caller of a route that also serves unauthenticated requests (object GET, info):
 * null when the request carries no valid credentials, as storage-api's `allowInvalidJwt`.
 */
export async function optionalCallerOf(request: Request, keys: ProjectKeys): Promise<Identity | null> {
  const credentials = credentialsOf(request);
  if (!credentials.apikey && !credentials.bearer) return null;
  // storage-api treats a bad or expired token on these routes as no token: public buckets still read.
  return identify(credentials, keys).catch(() => null);
}

/** The `sub` of an authenticated caller: the owner Storage records on what they create. */
export function ownerOf(actor: Actor | null): string | null {
  if (!actor || actor === "service") return null;
  return typeof actor.claims.sub === "string" ? actor.claims.sub : null;
}

/**
 * Runs `fn` in one transaction with the database to itself (db.exclusive).
 * `storage.operation` names the route, as storage-api sets it for policies, and
 * deletes are allowed past `storage.protect_delete` as the Storage API's own are.
 * `afterCommit` runs once committed, still holding the database, so files can be
 * removed before another request can write the same names again.
 */
export function inTransaction<T>(
  db: LocalDatabase,
  operation: string,
  fn: (tx: Transaction) => Promise<T>,
  afterCommit?: (result: T) => Promise<void>,
): Promise<T> {
  return db.exclusive(async () => {
    const result = await db.pg.transaction(async (tx) => {
      await tx.query(
        "select set_config('storage.operation', $1, true), set_config('storage.allow_delete_query', 'true', true)",
        [operation],
      );
      return fn(tx);
    });
    await afterCommit?.(result);
    return result;
  });
}

/**
 * Makes the rest of the transaction run as `actor`, exactly as PostgREST does: the
 * JWT role and its claims, so auth.uid() and RLS see the caller. "service" goes back
 * to the session's own role (the Storage service bypasses RLS, as on Supabase).
 */
export async function actAs(tx: Transaction, actor: Actor): Promise<void> {
  if (actor === "service") {
    await tx.query("select set_config('role', 'none', true), set_config('request.jwt.claims', '', true)");
    return;
  }
  await tx.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
    actor.role,
    JSON.stringify(actor.claims),
  ]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The value for the legacy uuid `owner` column: the owner when it is a uuid, else null (`owner_id` keeps any text). */
export function ownerUuid(owner: string | null): string | null {
  return owner && UUID.test(owner) ? owner : null;
}

/** `inTransaction` + `actAs`: one statement group as one actor. */
export function asActor<T>(
  db: LocalDatabase,
  actor: Actor,
  operation: string,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return inTransaction(db, operation, async (tx) => {
    await actAs(tx, actor);
    return fn(tx);
  });
}
