/** @module /storage/v1: Supabase Storage's HTTP API as @supabase/storage-js calls it, files on disk, metadata and RLS in storage.objects. */
import type { SurfacePlugin } from "../surface.ts";
import {
  createBucket,
  deleteBucket,
  emptyBucket,
  getBucket,
  listBuckets,
  updateBucket,
} from "./buckets.ts";
import { errorResponse, errors } from "./errors.ts";
import { FileStore } from "./file-store.ts";
import { listObjects } from "./listing.ts";
import { copyObject, deleteObject, deleteObjects, moveObject } from "./object-changes.ts";
import {
  getAuthenticatedObject,
  getObject,
  getObjectInfo,
  getPublicObject,
  getPublicObjectInfo,
  getSignedObject,
} from "./object-reads.ts";
import { findRoute, type Route, type StorageContext } from "./router.ts";
import { createSignedUrl, createSignedUrls } from "./signed-urls.ts";
import { createObject, createSignedUploadUrl, updateObject, uploadToSignedUrl } from "./uploads.ts";

const PREFIX = "/storage/v1";

/** Literal paths come before `:bucket` ones, as Fastify's static routes win in storage-api. */
const routes: Route[] = [
  { method: "GET", pattern: "/bucket", handler: listBuckets },
  { method: "POST", pattern: "/bucket", handler: createBucket },
  { method: "POST", pattern: "/bucket/:bucket/empty", handler: emptyBucket },
  { method: "GET", pattern: "/bucket/:bucket", handler: getBucket },
  { method: "PUT", pattern: "/bucket/:bucket", handler: updateBucket },
  { method: "DELETE", pattern: "/bucket/:bucket", handler: deleteBucket },

  { method: "POST", pattern: "/object/list/:bucket", handler: listObjects },
  { method: "POST", pattern: "/object/move", handler: moveObject },
  { method: "POST", pattern: "/object/copy", handler: copyObject },
  { method: "POST", pattern: "/object/sign/:bucket/*", handler: createSignedUrl },
  { method: "POST", pattern: "/object/sign/:bucket", handler: createSignedUrls },
  { method: "GET", pattern: "/object/sign/:bucket/*", handler: getSignedObject },
  { method: "POST", pattern: "/object/upload/sign/:bucket/*", handler: createSignedUploadUrl },
  { method: "PUT", pattern: "/object/upload/sign/:bucket/*", handler: uploadToSignedUrl },
  { method: "GET", pattern: "/object/public/:bucket/*", handler: getPublicObject },
  { method: "GET", pattern: "/object/authenticated/:bucket/*", handler: getAuthenticatedObject },
  { method: "GET", pattern: "/object/info/public/:bucket/*", handler: getPublicObjectInfo },
  { method: "GET", pattern: "/object/info/authenticated/:bucket/*", handler: getObjectInfo },
  { method: "GET", pattern: "/object/info/:bucket/*", handler: getObjectInfo },

  { method: "POST", pattern: "/object/:bucket/*", handler: createObject },
  { method: "PUT", pattern: "/object/:bucket/*", handler: updateObject },
  { method: "GET", pattern: "/object/:bucket/*", handler: getObject },
  { method: "DELETE", pattern: "/object/:bucket/*", handler: deleteObject },
  { method: "DELETE", pattern: "/object/:bucket", handler: deleteObjects },
];

/**
 * The Storage surface. Every database statement runs inside `db.exclusive`, as the
 * caller (role + JWT claims) wherever Supabase Storage runs it as the caller.
 *
 * @example
 * await startStack(config, [...defaultPlugins, storage]);
 * await supabase.storage.from("avatars").upload(`${userId}/me.png`, file);
 */
export const storage: SurfacePlugin = {
  name: "storage",
  async setup({ db, keys, config }) {
    const ctx: StorageContext = { db, keys, files: new FileStore(config.dataDir) };
    async function serve(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const path = url.pathname.slice(PREFIX.length) || "/";
      try {
        const match = findRoute(routes, request.method, path);
        if (!match) throw errors.routeNotFound(request.method, url.pathname);
        return await match.route.handler({ request, url, bucket: match.bucket, key: match.key, ctx });
      } catch (error) {
        return errorResponse(error, `${request.method} ${url.pathname}`);
      }
    }
    return { prefixes: [PREFIX], fetch: serve };
  },
};
