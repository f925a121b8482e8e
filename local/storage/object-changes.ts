/** @module Removing, moving and copying objects, each as the caller so RLS on storage.objects decides. */
import { randomUUID } from "node:crypto";
import { actAs, callerOf, inTransaction, ownerOf, ownerUuid } from "./caller.ts";
import { errors, fromDatabaseError } from "./errors.ts";
import { optionalBoolean, readJson, requiredString } from "./json-body.ts";
import { mustBeValidBucketName, mustBeValidKey } from "./object-keys.ts";
import type { Handler } from "./router.ts";
import { writeObjectRow } from "./uploads.ts";

/** storage-api's per-request cap on bulk object operations. */
export const MAX_OBJECTS_PER_REQUEST = 1000;

const OBJECT_JSON = `jsonb_build_object(
  'bucket_id', bucket_id, 'name', name, 'owner', owner, 'owner_id', owner_id, 'id', id, 'version', version,
  'updated_at', updated_at, 'created_at', created_at, 'last_accessed_at', last_accessed_at,
  'metadata', metadata, 'user_metadata', user_metadata)`;

/**
 * DELETE /object/:bucket { prefixes }: deletes the named objects the caller may
 * delete and returns them; names RLS hides are skipped (so another user gets []).
 */
export const deleteObjects: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  const body = await readJson(request);
  const prefixes = body.prefixes;
  if (!Array.isArray(prefixes) || prefixes.length === 0) {
    throw errors.invalidParameter("prefixes", "body/prefixes must be a non-empty array");
  }
  if (prefixes.length > MAX_OBJECTS_PER_REQUEST) {
    throw errors.invalidRequest(`Bulk object requests are limited to ${MAX_OBJECTS_PER_REQUEST} objects per request.`);
  }
  const names: string[] = [];
  const versioned: { path: string; versionId: string }[] = [];
  for (const entry of prefixes) {
    if (typeof entry === "string") names.push(entry);
    else if (entry && typeof entry === "object" && typeof entry.path === "string" && typeof entry.versionId === "string") {
      versioned.push(entry);
    } else throw errors.invalidParameter("prefixes", "body/prefixes must hold strings or { path, versionId }");
  }
  const deleted = await inTransaction(
    ctx.db,
    "storage.object.delete_many",
    async (tx) => {
      await actAs(tx, caller);
      const { rows } = await tx.query<{ object: Record<string, unknown> & { name: string } }>(
        `delete from storage.objects
         where bucket_id = $1
           and (name = any($2::text[])
                or (name, version) in (select * from unnest($3::text[], $4::text[])))
         returning ${OBJECT_JSON} as object`,
        [bucket, names, versioned.map((entry) => entry.path), versioned.map((entry) => entry.versionId)],
      );
      return rows.map((row) => row.object);
    },
    async (objects) => {
      for (const object of objects) await ctx.files.remove(bucket, object.name).catch(() => {});
    },
  ).catch((error) => {
    throw fromDatabaseError(error, "object");
  });
  return Response.json(deleted);
};

/** DELETE /object/:bucket/*: 404 when the object does not exist, 403 when RLS refuses the delete. */
export const deleteObject: Handler = async ({ request, bucket, key, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  await inTransaction(
    ctx.db,
    "storage.object.delete",
    async (tx) => {
      const exists = await tx.query("select 1 from storage.objects where bucket_id = $1 and name = $2", [bucket, key]);
      if (exists.rows.length === 0) throw errors.noSuchKey();
      await actAs(tx, caller);
      const { rows } = await tx.query("delete from storage.objects where bucket_id = $1 and name = $2 returning id", [bucket, key]);
      if (rows.length === 0) throw errors.accessDenied("Access denied");
    },
    () => ctx.files.remove(bucket, key),
  ).catch((error) => {
    throw fromDatabaseError(error, "object");
  });
  return Response.json({ message: "Successfully deleted" });
};

function transferOf(body: Record<string, unknown>) {
  const bucketId = requiredString(body, "bucketId");
  const sourceKey = requiredString(body, "sourceKey");
  const destinationKey = requiredString(body, "destinationKey");
  const destinationBucket = (typeof body.destinationBucket === "string" && body.destinationBucket) || bucketId;
  mustBeValidBucketName(bucketId);
  mustBeValidBucketName(destinationBucket);
  mustBeValidKey(sourceKey);
  mustBeValidKey(destinationKey);
  return { bucketId, sourceKey, destinationKey, destinationBucket };
}

/**
 * POST /object/move { bucketId, sourceKey, destinationKey, destinationBucket? }:
 * one UPDATE as the caller (the update policy sees the old and the new name),
 * then the file is renamed before the transaction commits.
 */
export const moveObject: Handler = async ({ request, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  const move = transferOf(await readJson(request));
  ctx.files.pathOf(move.destinationBucket, move.destinationKey);
  const owner = ownerOf(caller);
  const id = await inTransaction(ctx.db, "storage.object.move", async (tx) => {
    await actAs(tx, caller);
    const ownerSet = owner ? ", owner = $6::uuid, owner_id = $7" : "";
    const params: unknown[] = [move.bucketId, move.sourceKey, move.destinationBucket, move.destinationKey, randomUUID()];
    if (owner) params.push(ownerUuid(owner), owner);
    const { rows } = await tx.query<{ id: string }>(
      `update storage.objects set bucket_id = $3, name = $4, version = $5${ownerSet}
       where bucket_id = $1 and name = $2 returning id`,
      params,
    );
    if (rows.length === 0) throw errors.noSuchKey();
    if (move.bucketId !== move.destinationBucket || move.sourceKey !== move.destinationKey) {
      await ctx.files.move(move.bucketId, move.sourceKey, move.destinationBucket, move.destinationKey);
    }
    return rows[0]!.id;
  }).catch((error) => {
    throw fromDatabaseError(error, "object");
  });
  return Response.json({ message: "Successfully moved", Id: id, Key: move.destinationKey });
};

/**
 * POST /object/copy { bucketId, sourceKey, destinationKey, destinationBucket?, copyMetadata?, metadata? }:
 * the caller must be able to read the source and create (x-upsert: replace) the destination.
 */
export const copyObject: Handler = async ({ request, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  const body = await readJson(request);
  const copy = transferOf(body);
  const copyMetadata = optionalBoolean(body, "copyMetadata") ?? true;
  const override = body.metadata && typeof body.metadata === "object" ? (body.metadata as Record<string, unknown>) : {};
  const upsert = request.headers.get("x-upsert") === "true";
  ctx.files.pathOf(copy.destinationBucket, copy.destinationKey);
  const staged = await ctx.files.stageCopyOf(copy.bucketId, copy.sourceKey).catch(() => null);
  try {
    const result = await inTransaction(ctx.db, "storage.object.copy", async (tx) => {
      await actAs(tx, caller);
      const source = await tx.query<{ metadata: Record<string, unknown> | null; user_metadata: Record<string, unknown> | null }>(
        "select metadata, user_metadata from storage.objects where bucket_id = $1 and name = $2",
        [copy.bucketId, copy.sourceKey],
      );
      const original = source.rows[0];
      if (!original || !staged) throw errors.noSuchKey();
      const metadata: Record<string, unknown> = { ...original.metadata, lastModified: new Date().toISOString(), eTag: staged.eTag };
      if (!copyMetadata) {
        if (typeof override.cacheControl === "string") metadata.cacheControl = override.cacheControl;
        if (typeof override.mimetype === "string") metadata.mimetype = override.mimetype;
      }
      const id = await writeObjectRow(
        tx,
        {
          bucket: copy.destinationBucket,
          key: copy.destinationKey,
          owner: ownerOf(caller),
          metadata,
          userMetadata: copyMetadata ? original.user_metadata : null,
        },
        upsert,
      );
      await ctx.files.commit(staged, copy.destinationBucket, copy.destinationKey);
      return { id, metadata };
    });
    return Response.json({
      Id: result.id,
      Key: `${copy.destinationBucket}/${copy.destinationKey}`,
      id: result.id,
      name: copy.destinationKey,
      bucket_id: copy.destinationBucket,
      metadata: result.metadata,
    });
  } catch (error) {
    throw fromDatabaseError(error, "object");
  } finally {
    if (staged) await ctx.files.discard(staged);
  }
};
