/** @module /bucket routes: list, get, create, update, empty, delete, each run as the caller so RLS on storage.buckets decides. */
import { actAs, asActor, callerOf, inTransaction, ownerOf, ownerUuid } from "./caller.ts";
import { errors, fromDatabaseError } from "./errors.ts";
import { oneOf, optionalBoolean, optionalInteger, optionalString, readJson, requiredString } from "./json-body.ts";
import { mustBeValidBucketName } from "./object-keys.ts";
import type { Handler } from "./router.ts";
import { GLOBAL_FILE_SIZE_LIMIT } from "./upload-body.ts";

const BUCKET_COLUMNS = "id, name, owner, public, created_at, updated_at, file_size_limit, allowed_mime_types, type";

/** GET /bucket?limit&offset&search&sortColumn&sortOrder */
export const listBuckets: Handler = async ({ request, url, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  const query = url.searchParams;
  const limit = optionalInteger(query.get("limit"), "limit", 1);
  const offset = optionalInteger(query.get("offset"), "offset", 0);
  const search = query.get("search") ?? "";
  const sortColumn = query.get("sortColumn")
    ? oneOf(query.get("sortColumn"), "sortColumn", ["id", "name", "created_at", "updated_at"] as const, "name")
    : null;
  const sortOrder = oneOf(query.get("sortOrder"), "sortOrder", ["asc", "desc"] as const, "asc");
  const rows = await asActor(ctx.db, caller, "storage.bucket.list", async (tx) => {
    const { rows } = await tx.query<{ bucket: Record<string, unknown> }>(
      `select to_jsonb(b) as bucket from (
         select ${BUCKET_COLUMNS} from storage.buckets
         where $1 = '' or name ilike '%' || replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
         ${sortColumn ? `order by ${sortColumn} ${sortOrder}` : ""}
         limit $2 offset $3
       ) b`,
      [search, limit ?? null, offset ?? 0],
    );
    return rows;
  });
  return Response.json(rows.map((row) => row.bucket));
};

/** GET /bucket/:id */
export const getBucket: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  const row = await asActor(ctx.db, caller, "storage.bucket.get", async (tx) => {
    const { rows } = await tx.query<{ bucket: Record<string, unknown> }>(
      `select to_jsonb(b) as bucket from (select ${BUCKET_COLUMNS} from storage.buckets where id = $1) b`,
      [bucket],
    );
    return rows[0]?.bucket;
  });
  if (!row) throw errors.noSuchBucket();
  return Response.json(row);
};

/** POST /bucket { id, name, public, file_size_limit, allowed_mime_types } → { name } */
export const createBucket: Handler = async ({ request, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  const body = await readJson(request);
  const name = requiredString(body, "name");
  const id = optionalString(body, "id") || name;
  mustBeValidBucketName(name);
  mustBeValidBucketName(id);
  const type = optionalString(body, "type");
  if (type !== undefined && type !== "STANDARD") {
    throw errors.invalidRequest(`Buckets of type ${type} are not available on the local stack`);
  }
  const isPublic = optionalBoolean(body, "public") ?? false;
  const fileSizeLimit = parseFileSizeLimit(body.file_size_limit);
  const allowedMimeTypes = parseAllowedMimeTypes(body.allowed_mime_types);
  const owner = ownerOf(caller);
  await asActor(ctx.db, caller, "storage.bucket.create", (tx) =>
    tx.query(
      `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [id, name, ownerUuid(owner), owner, isPublic, fileSizeLimit ?? null, allowedMimeTypes ?? null],
    ),
  ).catch((error) => {
    throw fromDatabaseError(error, "bucket");
  });
  return Response.json({ name });
};

/** PUT /bucket/:id { public, file_size_limit, allowed_mime_types } */
export const updateBucket: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  const body = await readJson(request);
  const changes: [string, unknown][] = [];
  const isPublic = optionalBoolean(body, "public");
  if (isPublic !== undefined) changes.push(["public", isPublic]);
  if ("file_size_limit" in body && body.file_size_limit !== undefined) {
    changes.push(["file_size_limit", parseFileSizeLimit(body.file_size_limit) ?? null]);
  }
  if ("allowed_mime_types" in body && body.allowed_mime_types !== undefined) {
    changes.push(["allowed_mime_types", parseAllowedMimeTypes(body.allowed_mime_types) ?? null]);
  }
  if (changes.length === 0) throw errors.invalidRequest("No content provided");
  const updated = await asActor(ctx.db, caller, "storage.bucket.update", async (tx) => {
    const set = changes.map(([column], i) => `${column} = $${i + 2}`).join(", ");
    const { rows } = await tx.query(`update storage.buckets set ${set}, updated_at = now() where id = $1 returning id`, [
      bucket,
      ...changes.map(([, value]) => value),
    ]);
    return rows.length;
  }).catch((error) => {
    throw fromDatabaseError(error, "bucket");
  });
  if (!updated) throw errors.noSuchBucket();
  return Response.json({ message: "Successfully updated" });
};

/**
 * POST /bucket/:id/empty: the caller must see the bucket (RLS on buckets), then
 * Storage removes every object in it, as storage-api's admin job does.
 */
export const emptyBucket: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  await inTransaction(
    ctx.db,
    "storage.bucket.empty",
    async (tx) => {
      await actAs(tx, caller);
      const visible = await tx.query("select 1 from storage.buckets where id = $1", [bucket]);
      if (visible.rows.length === 0) throw errors.noSuchBucket();
      await actAs(tx, "service");
      const { rows } = await tx.query<{ name: string }>("delete from storage.objects where bucket_id = $1 returning name", [bucket]);
      return rows.map((row) => row.name);
    },
    async (names) => {
      for (const name of names) await ctx.files.remove(bucket, name).catch(() => {});
    },
  );
  return Response.json({ message: "Successfully emptied" });
};

/** DELETE /bucket/:id: 404 when missing (or hidden by RLS), 409 when it still holds objects. */
export const deleteBucket: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  await inTransaction(
    ctx.db,
    "storage.bucket.delete",
    async (tx) => {
      const found = await tx.query("select 1 from storage.buckets where id = $1 for update", [bucket]);
      if (found.rows.length === 0) throw errors.noSuchBucket();
      const objects = await tx.query("select 1 from storage.objects where bucket_id = $1 limit 1", [bucket]);
      if (objects.rows.length > 0) throw errors.bucketNotEmpty();
      await actAs(tx, caller);
      const deleted = await tx.query("delete from storage.buckets where id = $1 returning id", [bucket]);
      if (deleted.rows.length === 0) throw errors.noSuchBucket();
    },
    () => ctx.files.removeBucket(bucket),
  ).catch((error) => {
    throw fromDatabaseError(error, "bucket");
  });
  return Response.json({ message: "Successfully deleted" });
};

/** A number of bytes, a size with a unit ("5MB", "1.5GB", as storage-api parses it), or null. */
export function parseFileSizeLimit(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  let bytes: number;
  if (typeof value === "number") {
    bytes = value;
  } else if (typeof value === "string") {
    const match = /^([0-9]+(?:\.[0-9]+)?)(gb|mb|kb|b)$/i.exec(value.trim());
    if (!match) throw errors.invalidRequest("Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B");
    const amount = Number(Number.parseFloat(match[1]!).toPrecision(3));
    const unit = { gb: 1e9, mb: 1e6, kb: 1e3, b: 1 }[match[2]!.toLowerCase() as "gb" | "mb" | "kb" | "b"];
    bytes = Math.round(amount * unit);
  } else {
    throw errors.invalidParameter("file_size_limit", "file_size_limit must be a number of bytes or a size like 5MB");
  }
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw errors.invalidParameter("file_size_limit", "file_size_limit must be a whole number of bytes >= 0");
  }
  if (bytes > GLOBAL_FILE_SIZE_LIMIT) throw errors.entityTooLarge(GLOBAL_FILE_SIZE_LIMIT);
  return bytes;
}

// storage-api's check (`…|\*$` lets any pattern ending in `*` through, e.g. image/*).
const MIME_PATTERN = /^([a-zA-Z0-9\-+.]+)\/([a-zA-Z0-9\-+.]+)(;\s*charset=[a-zA-Z0-9-]+)?$|\*$/;

/** A list of MIME types (`image/png`, `image/*`), empty entries dropped; 415 for a malformed one. */
export function parseAllowedMimeTypes(value: unknown): string[] | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    throw errors.invalidParameter("allowed_mime_types", "allowed_mime_types must be an array of strings");
  }
  const types = (value as string[]).filter(Boolean);
  for (const type of types) {
    if (type.length > 1000 || !MIME_PATTERN.test(type)) throw errors.invalidMimeType(type);
  }
  return types;
}
