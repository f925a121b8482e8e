/** @module Storage's errors as Supabase Storage renders them: `{ statusCode, code, error, message }`, HTTP 400 for client errors. */
import { HttpError, isHttpError } from "../http-error.ts";

/** The `code`s this surface answers with (a subset of storage-api's ErrorCode). */
export type StorageErrorCode =
  | "NoSuchBucket"
  | "NoSuchKey"
  | "InvalidJWT"
  | "InvalidRequest"
  | "EntityTooLarge"
  | "InternalError"
  | "ResourceAlreadyExists"
  | "ResourceNotEmpty"
  | "InvalidBucketName"
  | "InvalidKey"
  | "InvalidMimeType"
  | "KeyAlreadyExists"
  | "BucketAlreadyExists"
  | "InvalidSignature"
  | "AccessDenied"
  | "InvalidParameter"
  | "MissingParameter"
  | "InvalidRange";

/**
 * Supabase Storage answers every client error with HTTP 400 and puts the real
 * status in the body's `statusCode` (a string: "404", "413", "415", …); storage-js
 * exposes both, as `error.status` and `error.statusCode`. Doing the same keeps code
 * written against this stack correct on a hosted project.
 */
export function storageError(
  statusCode: number,
  code: StorageErrorCode,
  message: string,
  error: string = code,
  httpStatus = statusCode >= 500 ? statusCode : 400,
): HttpError {
  return new HttpError(httpStatus, { statusCode: String(statusCode), code, error, message });
}

/** The errors storage-api raises, with its messages. */
export const errors = {
  noSuchBucket: () => storageError(404, "NoSuchBucket", "Bucket not found", "Bucket not found"),
  noSuchKey: () => storageError(404, "NoSuchKey", "Object not found", "not_found"),
  invalidKey: (key: string, reason?: string) =>
    storageError(400, "InvalidKey", `Invalid key: ${key}${reason ? ` ${reason}` : ""}`),
  invalidBucketName: (name: string) =>
    storageError(400, "InvalidBucketName", `Bucket name invalid: ${JSON.stringify(name)}`, "Invalid Input"),
  invalidRequest: (message: string) => storageError(400, "InvalidRequest", message),
  missingParameter: (name: string) => storageError(400, "MissingParameter", `Missing Required Parameter ${name}`),
  invalidParameter: (name: string, message?: string) =>
    storageError(400, "InvalidParameter", message ?? `Invalid Parameter ${name}`),
  entityTooLarge: (limit?: number) =>
    storageError(
      413,
      "EntityTooLarge",
      `The object exceeded the maximum allowed size${limit === undefined ? "" : ` (${limit} bytes)`}`,
      "Payload too large",
    ),
  invalidMimeType: (mimeType: string) =>
    storageError(415, "InvalidMimeType", `mime type ${mimeType} is not supported`, "invalid_mime_type"),
  accessDenied: (message = "Access denied") => storageError(403, "AccessDenied", message, "Unauthorized"),
  keyAlreadyExists: () => storageError(409, "KeyAlreadyExists", "The resource already exists", "Duplicate"),
  bucketAlreadyExists: () => storageError(409, "BucketAlreadyExists", "The resource already exists", "Duplicate"),
  bucketNotEmpty: () => storageError(409, "ResourceNotEmpty", "The bucket you tried to delete is not empty"),
  pathConflict: (key: string) =>
    storageError(
      409,
      "KeyAlreadyExists",
      `The key ${key} conflicts with an existing object: on the local stack one object name cannot also be a folder of another`,
      "Duplicate",
    ),
  invalidJwt: (message = "Invalid JWT") => storageError(400, "InvalidJWT", message),
  invalidSignature: (message = "Invalid signature") => storageError(400, "InvalidSignature", message),
  invalidRange: () => storageError(416, "InvalidRange", "invalid range provided", "invalid_range", 416),
  routeNotFound: (method: string, path: string) =>
    storageError(404, "InvalidRequest", `Route ${method}:${path} not found`, "Not Found", 404),
};

interface PgError {
  code?: string;
  message: string;
  table?: string;
}

const isPgError = (error: unknown): error is PgError & Error =>
  error instanceof Error && typeof (error as PgError).code === "string" && /^[0-9A-Z]{5}$/.test((error as PgError).code!);

/** What a failed statement means to the caller, as storage-api's `DBError.fromDBError` maps it. */
export function fromDatabaseError(error: unknown, on: "bucket" | "object"): unknown {
  if (!isPgError(error)) return error;
  switch (error.code) {
    case "42501":
      return errors.accessDenied(
        error.message.includes("row-level security") ? "new row violates row-level security policy" : error.message,
      );
    case "23505":
      return on === "bucket" ? errors.bucketAlreadyExists() : errors.keyAlreadyExists();
    case "23503":
      // An object row whose bucket is gone, or a bucket still referenced.
      if (on === "object") return errors.noSuchBucket();
      return storageError(409, "InvalidRequest", "The resource could not be updated or removed due to a foreign key constraint");
    case "22P02":
    case "22023":
    case "P0001":
      return errors.invalidParameter("value", error.message);
    default:
      return error;
  }
}

/** Renders a thrown error: known ones as their JSON body, anything else as a logged 500 with no internals. */
export function errorResponse(error: unknown, context: string): Response {
  if (isHttpError(error)) {
    const body = error.body.statusCode
      ? error.body
      : { statusCode: String(error.status), error: error.status === 401 ? "Unauthorized" : "Error", ...error.body };
    return Response.json(body, { status: error.status });
  }
  console.error(`[storage] ${context} failed:`, error);
  return Response.json(
    { statusCode: "500", code: "InternalError", error: "Internal", message: "Internal Server Error" },
    { status: 500 },
  );
}
