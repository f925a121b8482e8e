/** @module Creating signed download URLs (one or many): only for objects the caller can see under RLS. */
import { asActor, callerOf } from "./caller.ts";
import { errors } from "./errors.ts";
import { readJson } from "./json-body.ts";
import { mustBeValidBucketName, mustBeValidKey } from "./object-keys.ts";
import { MAX_OBJECTS_PER_REQUEST } from "./object-changes.ts";
import type { Handler } from "./router.ts";
import { mustBeValidExpiresIn, signObjectToken } from "./signed-tokens.ts";

/** POST /object/sign/:bucket/* { expiresIn } → { signedURL: "/object/sign/<bucket>/<key>?token=…" } */
export const createSignedUrl: Handler = async ({ request, bucket, key, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  const expiresIn = mustBeValidExpiresIn((await readJson(request)).expiresIn);
  const visible = await asActor(ctx.db, caller, "storage.object.sign", async (tx) => {
    const { rows } = await tx.query("select 1 from storage.objects where bucket_id = $1 and name = $2", [bucket, key]);
    return rows.length > 0;
  });
  if (!visible) throw errors.noSuchKey();
  const url = `${bucket}/${key}`;
  const token = await signObjectToken(ctx.keys, { url, scope: "download" }, expiresIn);
  return Response.json({ signedURL: `/object/sign/${url}?token=${token}` });
};

/** POST /object/sign/:bucket { expiresIn, paths } → [{ path, signedURL, error }] */
export const createSignedUrls: Handler = async ({ request, bucket, ctx }) => {
  const caller = await callerOf(request, ctx.keys);
  mustBeValidBucketName(bucket);
  const body = await readJson(request);
  const expiresIn = mustBeValidExpiresIn(body.expiresIn);
  const paths = body.paths;
  if (!Array.isArray(paths) || paths.length === 0 || paths.some((path) => typeof path !== "string")) {
    throw errors.invalidParameter("paths", "body/paths must be a non-empty array of strings");
  }
  if (paths.length > MAX_OBJECTS_PER_REQUEST) {
    throw errors.invalidParameter("paths", `body/paths must have at most ${MAX_OBJECTS_PER_REQUEST} items`);
  }
  const visible = await asActor(ctx.db, caller, "storage.object.sign_many", async (tx) => {
    const { rows } = await tx.query<{ name: string }>(
      "select name from storage.objects where bucket_id = $1 and name = any($2::text[])",
      [bucket, paths],
    );
    return new Set(rows.map((row) => row.name));
  });
  const results = await Promise.all(
    (paths as string[]).map(async (path) => {
      if (!visible.has(path)) {
        return { error: "Either the object does not exist or you do not have access to it", path, signedURL: null };
      }
      const url = `${bucket}/${path}`;
      const token = await signObjectToken(ctx.keys, { url, scope: "download" }, expiresIn);
      return { error: null, path, signedURL: `/object/sign/${url}?token=${token}` };
    }),
  );
  return Response.json(results);
};
