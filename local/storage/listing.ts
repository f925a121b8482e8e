/** @module POST /object/list/:bucket: one level under a prefix through storage.search, as the caller (RLS hides what they may not see). */
import { asActor, callerOf } from "./caller.ts";
import { fromDatabaseError } from "./errors.ts";
import { oneOf, optionalInteger, optionalString, readJson } from "./json-body.ts";
import { mustBeValidBucketName } from "./object-keys.ts";
import type { Handler } from "./router.ts";

const SORT_COLUMNS = ["name", "updated_at", "created_at", "last_accessed_at"] as const;

/**
 * Body as storage-js sends it: `{ prefix, limit, offset, sortBy: { column, order }, search }`.
 * Folders come back as entries with `id: null` and `metadata: null`.
 */
export const listObjects: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  const body = await readJson(request);
  let prefix = optionalString(body, "prefix") ?? "";
  if (prefix.length > 0 && !prefix.endsWith("/")) prefix = `${prefix}/`;
  const search = optionalString(body, "search") ?? "";
  const limit = optionalInteger(body.limit, "limit", 0) ?? 100;
  const offset = optionalInteger(body.offset, "offset", 0) ?? 0;
  const sortBy = body.sortBy && typeof body.sortBy === "object" ? (body.sortBy as Record<string, unknown>) : {};
  const column = oneOf(sortBy.column, "sortBy.column", SORT_COLUMNS, "name");
  const order = oneOf(sortBy.order, "sortBy.order", ["asc", "desc"] as const, "asc");
  const rows = await asActor(ctx.db, caller, "storage.object.list", async (tx) => {
    const { rows } = await tx.query(
      "select name, id, updated_at, created_at, last_accessed_at, metadata from storage.search($1, $2, $3, $4, $5, $6, $7, $8)",
      [prefix, bucket, limit, (prefix + search).split("/").length, offset, search, column, order],
    );
    return rows;
  }).catch((error) => {
    throw fromDatabaseError(error, "object");
  });
  return Response.json(rows);
};
