/** @module Uploads: POST (create), PUT (upsert), and signed upload URLs; the row is written as the caller first, the file only once RLS let it in. */
import { randomUUID } from "node:crypto";
import type { Transaction } from "@electric-sql/pglite";
import { actAs, asActor, callerOf, inTransaction, ownerOf, ownerUuid, type Actor } from "./caller.ts";
import { errors, fromDatabaseError } from "./errors.ts";
import { mustBeValidBucketName, mustBeValidKey } from "./object-keys.ts";
import type { Handler, RouteInput } from "./router.ts";
import { signObjectToken, verifyObjectToken } from "./signed-tokens.ts";
import { readUpload, type BucketLimits } from "./upload-body.ts";

/** Signed upload URLs live two hours, as storage-api's default `uploadSignedUrlExpirationTime`. */
const SIGNED_UPLOAD_EXPIRES_IN = 2 * 3600;

/** The row a new object gets: `owner` is the caller's sub (a uuid), `owner_id` the same as text. */
export interface ObjectRow {
  bucket: string;
  key: string;
  owner: string | null;
  metadata: Record<string, unknown> | null;
  userMetadata: Record<string, unknown> | null;
}

/**
 * Inserts (or, with `upsert`, inserts or updates) an object row in `tx`, as
 * whoever `tx` acts as. Returns the object's id.
 */
export async function writeObjectRow(tx: Transaction, row: ObjectRow, upsert: boolean): Promise<string> {
  const id = randomUUID();
  const owner = ownerUuid(row.owner);
  const values = [id, row.bucket, row.key, owner, row.owner, row.metadata, row.userMetadata, randomUUID()];
  if (!upsert) {
    // No RETURNING: a plain upload needs an insert policy only, as on Supabase.
    await tx.query(
      `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      values,
    );
    return id;
  }
  const ownerUpdate = row.owner ? ", owner = excluded.owner, owner_id = excluded.owner_id" : "";
  const { rows } = await tx.query<{ id: string }>(
    `insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (name, bucket_id) do update
       set metadata = excluded.metadata, user_metadata = excluded.user_metadata, version = excluded.version${ownerUpdate}
     returning id`,
    values,
  );
  return rows[0]?.id ?? id;
}

/** The limits of a bucket, read by Storage itself (as storage-api does): 404 when it does not exist. */
async function bucketLimits(ctx: RouteInput["ctx"], bucket: string, operation: string): Promise<BucketLimits> {
  const row = await asActor(ctx.db, "service", operation, async (tx) => {
    const { rows } = await tx.query<BucketLimits>(
      "select file_size_limit, allowed_mime_types from storage.buckets where id = $1",
      [bucket],
    );
    return rows[0];
  });
  if (!row) throw errors.noSuchBucket();
  return row;
}

/**
 * Reads the body, checks the bucket's limits, stages the bytes, then in one
 * transaction writes the row as `actor` (RLS decides) and only then moves the
 * file into place; a refused row leaves nothing behind.
 */
async function storeUpload(
  input: RouteInput,
  options: { actor: Actor; owner: string | null; upsert: boolean; operation: string },
): Promise<string> {
  const { request, bucket, key, ctx } = input;
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  ctx.files.pathOf(bucket, key);
  const limits = await bucketLimits(ctx, bucket, options.operation);
  const upload = await readUpload(request, key, limits);
  const staged = await ctx.files.stage(upload.bytes);
  try {
    return await inTransaction(ctx.db, options.operation, async (tx) => {
      await actAs(tx, options.actor);
      const metadata = {
        eTag: staged.eTag,
        size: staged.size,
        mimetype: upload.mimetype,
        cacheControl: upload.cacheControl,
        lastModified: new Date().toISOString(),
        contentLength: staged.size,
        httpStatusCode: 200,
      };
      const id = await writeObjectRow(
        tx,
        { bucket, key, owner: options.owner, metadata, userMetadata: upload.userMetadata ?? {} },
        options.upsert,
      );
      await ctx.files.commit(staged, bucket, key);
      return id;
    });
  } catch (error) {
    throw fromDatabaseError(error, "object");
  } finally {
    await ctx.files.discard(staged);
  }
}

/** POST /object/:bucket/* (x-upsert: true makes it an upsert) → { Id, Key } */
export const createObject: Handler = async (input) => {
  const caller = await callerOf(input.request, input.ctx.keys);
  const upsert = input.request.headers.get("x-upsert") === "true";
  const id = await storeUpload(input, { actor: caller, owner: ownerOf(caller), upsert, operation: "storage.object.upload" });
  return Response.json({ Id: id, Key: `${input.bucket}/${input.key}` });
};

/** PUT /object/:bucket/*: replaces the object (or creates it) → { Id, Key } */
export const updateObject: Handler = async (input) => {
  const caller = await callerOf(input.request, input.ctx.keys);
  const id = await storeUpload(input, {
    actor: caller,
    owner: ownerOf(caller),
    upsert: true,
    operation: "storage.object.upload_update",
  });
  return Response.json({ Id: id, Key: `${input.bucket}/${input.key}` });
};

/**
 * POST /object/upload/sign/:bucket/*: checks now that the caller could upload
 * there (the insert is tried and rolled back), then returns a two-hour token.
 */
export const createSignedUploadUrl: Handler = async ({ request, bucket, key, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  ctx.files.pathOf(bucket, key);
  const upsert = request.headers.get("x-upsert") === "true";
  const owner = ownerOf(caller);
  await asActor(ctx.db, caller, "storage.object.sign_upload_url", async (tx) => {
    await writeObjectRow(tx, { bucket, key, owner, metadata: null, userMetadata: null }, upsert);
    await tx.rollback();
  }).catch((error) => {
    throw fromDatabaseError(error, "object");
  });
  const url = `${bucket}/${key}`;
  const token = await signObjectToken(ctx.keys, { url, scope: "upload", owner, upsert }, SIGNED_UPLOAD_EXPIRES_IN);
  return Response.json({ url: `/object/upload/sign/${url}?token=${token}`, token });
};

/** PUT /object/upload/sign/:bucket/*?token=: the token is the permission; the object is owned by its signer. */
export const uploadToSignedUrl: Handler = async (input) => {
  const { bucket, key, url, ctx } = input;
  const token = await verifyObjectToken(ctx.keys, url.searchParams.get("token"), bucket, key, "upload");
  await storeUpload(input, {
    actor: "service",
    owner: token.owner ?? null,
    upsert: Boolean(token.upsert),
    operation: "storage.object.upload_signed",
  });
  return Response.json({ Key: `${bucket}/${key}` });
};
