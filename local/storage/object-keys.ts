/** @module Which bucket names and object keys are valid, and where on disk an object lives (never outside its bucket). */
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { errors } from "./errors.ts";

// storage-api's character sets (src/storage/limits.ts); the hyphen is last so it stays literal.
const VALID_OBJECT_KEY = /^[A-Za-z0-9_/!.*'() &$=@;:+,?-]*$/;
const VALID_BUCKET_NAME = /^[A-Za-z0-9_!.*'() &$=@;:+,?-]*$/;

/** Object names ending in this are folder placeholders: no size or type limits apply. */
export const EMPTY_FOLDER_PLACEHOLDER = ".emptyFolderPlaceholder";

/**
 * Throws 400 InvalidKey unless `key` is a name Supabase accepts that is also a safe
 * relative path: no NUL, not absolute, no empty, `.` or `..` segment.
 */
export function mustBeValidKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.length === 0) throw errors.invalidKey(typeof key === "string" ? key : "");
  if (key.includes("\0")) throw errors.invalidKey(key.replaceAll("\0", "\\0"), "contains null byte");
  if (!VALID_OBJECT_KEY.test(key)) throw errors.invalidKey(key);
  if (key.startsWith("/") || isAbsolute(key)) throw errors.invalidKey(key, "must be a relative path");
  const segments = key.split("/");
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw errors.invalidKey(key, "contains dot path segment");
  }
  if (segments.some((segment) => segment === "")) throw errors.invalidKey(key, "contains an empty path segment");
  if (Buffer.byteLength(key) > 1024) throw errors.invalidKey(key.slice(0, 64), "is longer than 1024 bytes");
}

/** Throws 400 InvalidBucketName unless `name` is a bucket name Supabase accepts and a safe directory name. */
export function mustBeValidBucketName(name: unknown): asserts name is string {
  if (
    typeof name !== "string" ||
    name.length === 0 ||
    name.length > 100 ||
    name.trim() !== name ||
    !VALID_BUCKET_NAME.test(name) ||
    name === "." ||
    name === ".."
  ) {
    throw errors.invalidBucketName(typeof name === "string" ? name : String(name));
  }
}

/** Decodes a percent-encoded path part; a malformed escape is the client's error, not a 500. */
export function decodePathPart(encoded: string, kind: "key" | "bucket"): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw kind === "key" ? errors.invalidKey(encoded, "is not valid percent-encoding") : errors.invalidBucketName(encoded);
  }
}

/**
 * The file of `bucket/key` under `root`, after validating both and checking that
 * the resolved path stays inside the bucket's directory.
 */
export function objectPath(root: string, bucket: string, key: string): string {
  mustBeValidBucketName(bucket);
  mustBeValidKey(key);
  const bucketDir = resolve(root, bucket);
  const path = resolve(bucketDir, key);
  const inside = relative(bucketDir, path);
  if (!inside || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside) || !path.startsWith(bucketDir + sep)) {
    throw errors.invalidKey(key, "resolves outside storage directory");
  }
  return path;
}

/** The directory of a bucket under `root`. */
export function bucketPath(root: string, bucket: string): string {
  mustBeValidBucketName(bucket);
  return join(resolve(root), bucket);
}
