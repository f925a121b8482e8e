/** @module Reading objects: download (authenticated, public, signed), HEAD and /info, with RLS deciding for private buckets. */
import type { Identity } from "../auth/identity.ts";
import { actAs, asActor, callerOf, optionalCallerOf } from "./caller.ts";
import { errors } from "./errors.ts";
import { INERT_HEADERS, servedContentType } from "./inert-types.ts";
import { mustBeValidBucketName, mustBeValidKey } from "./object-keys.ts";
import type { Handler, RouteInput } from "./router.ts";
import { verifyObjectToken } from "./signed-tokens.ts";

interface FoundObject {
  id: string;
  name: string;
  bucket_id: string;
  version: string | null;
  metadata: Record<string, unknown> | null;
  user_metadata: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

/** Who may read: the caller (RLS for private buckets), anyone for a public bucket, or a signed token. */
type Access = "caller" | "public-route" | "signed";

/**
 * Finds an object the way storage-api does: in a public bucket Storage reads it
 * itself; in a private one the caller's RLS decides (404 when they may not see it).
 * A request without credentials only reaches public buckets.
 */
async function findReadable(
  input: RouteInput,
  caller: Identity | null,
  access: Access,
  operation: string,
): Promise<FoundObject> {
  const { bucket, key, ctx } = input;
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  ctx.files.pathOf(bucket, key);
  const found = await asActor(ctx.db, "service", operation, async (tx) => {
    const { rows } = await tx.query<{ public: boolean }>("select public from storage.buckets where id = $1", [bucket]);
    const isPublic = rows[0]?.public === true;
    if (!rows[0] || (access === "public-route" && !isPublic)) throw errors.noSuchBucket();
    if (access === "caller" && !isPublic) {
      if (!caller) throw errors.noSuchBucket();
      await actAs(tx, caller);
    }
    const object = await tx.query<FoundObject>(
      `select id, name, bucket_id, version, metadata, user_metadata, created_at, updated_at
       from storage.objects where bucket_id = $1 and name = $2`,
      [bucket, key],
    );
    return object.rows[0];
  });
  if (!found) throw errors.noSuchKey();
  return found;
}

/** A single `bytes=a-b` range within `size`, null for none; 416 when unsatisfiable. */
function parseRange(header: string | null, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  let start: number;
  let end: number;
  if (match[1] === "") {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) throw errors.invalidRange();
  return { start, end };
}

/** Serves the object's bytes (or only its headers for HEAD) with Storage's headers. */
async function render(input: RouteInput, object: FoundObject, options: { expires?: number } = {}): Promise<Response> {
  const { request, url, bucket, key, ctx } = input;
  const metadata = object.metadata ?? {};
  const headers = new Headers({
    ...INERT_HEADERS,
    "accept-ranges": "bytes",
    "content-type": servedContentType(typeof metadata.mimetype === "string" ? metadata.mimetype : "application/octet-stream"),
    "x-robots-tag": "none",
  });
  if (typeof metadata.eTag === "string") headers.set("etag", metadata.eTag);
  const lastModified = new Date(String(metadata.lastModified ?? object.updated_at));
  if (!Number.isNaN(lastModified.getTime())) headers.set("last-modified", lastModified.toUTCString());
  if (options.expires !== undefined) headers.set("expires", new Date(options.expires * 1000).toUTCString());
  else if (typeof metadata.cacheControl === "string") headers.set("cache-control", metadata.cacheControl);
  const download = url.searchParams.get("download");
  if (download !== null) {
    const name = encodeURIComponent(download);
    headers.set("content-disposition", download === "" ? "attachment;" : `attachment; filename=${name}; filename*=UTF-8''${name}`);
  }
  if (request.headers.get("if-none-match") && request.headers.get("if-none-match") === metadata.eTag) {
    return new Response(null, { status: 304, headers });
  }

  const size = Number(metadata.size ?? 0);
  const range = request.method === "HEAD" ? null : parseRange(request.headers.get("range"), size);
  const file = await ctx.files.read(bucket, key, range ?? undefined);
  if (request.method === "HEAD") {
    await file.body.cancel();
    headers.set("content-length", String(file.size));
    return new Response(null, { status: 200, headers });
  }
  if (range) {
    headers.set("content-range", `bytes ${range.start}-${range.end}/${file.size}`);
    headers.set("content-length", String(range.end - range.start + 1));
    return new Response(file.body, { status: 206, headers });
  }
  headers.set("content-length", String(file.size));
  return new Response(file.body, { status: 200, headers });
}

/** GET|HEAD /object/:bucket/*: credentials optional (a request without any reads public buckets only). */
export const getObject: Handler = async (input) => {
  const caller = await optionalCallerOf(input.request, input.ctx.keys);
  return render(input, await findReadable(input, caller, "caller", "storage.object.get_authenticated"));
};

/** GET|HEAD /object/authenticated/:bucket/*: credentials required. */
export const getAuthenticatedObject: Handler = async (input) => {
  const caller = await callerOf(input.request, input.ctx.keys);
  return render(input, await findReadable(input, caller, "caller", "storage.object.get_authenticated"));
};

/** GET|HEAD /object/public/:bucket/*: no credentials; the bucket must be public. */
export const getPublicObject: Handler = async (input) =>
  render(input, await findReadable(input, null, "public-route", "storage.object.get_public"));

/** GET|HEAD /object/sign/:bucket/*?token=: the token is the permission. */
export const getSignedObject: Handler = async (input) => {
  const { bucket, key, url, ctx } = input;
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  const token = await verifyObjectToken(ctx.keys, url.searchParams.get("token"), bucket, key, "download");
  return render(input, await findReadable(input, null, "signed", "storage.object.get_signed"), { expires: token.exp });
};

function infoBody(object: FoundObject) {
  const metadata = object.metadata ?? {};
  return {
    id: object.id,
    name: object.name,
    version: object.version,
    bucket_id: object.bucket_id,
    size: metadata.size ?? null,
    content_type: metadata.mimetype ?? null,
    cache_control: metadata.cacheControl ?? null,
    etag: metadata.eTag ?? null,
    metadata: object.user_metadata,
    last_modified: object.updated_at,
    created_at: object.created_at,
  };
}

/** GET /object/info/:bucket/* and /object/info/authenticated/:bucket/*: the object's metadata as JSON. */
export const getObjectInfo: Handler = async (input) => {
  const caller = await optionalCallerOf(input.request, input.ctx.keys);
  return Response.json(infoBody(await findReadable(input, caller, "caller", "object.get_authenticated_info")));
};

/** GET /object/info/public/:bucket/*: metadata of an object in a public bucket. */
export const getPublicObjectInfo: Handler = async (input) =>
  Response.json(infoBody(await findReadable(input, null, "public-route", "storage.object.info_public")));
