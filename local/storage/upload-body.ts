/** @module An upload's bytes, type, cache-control and user metadata, from a multipart form or a raw body as storage-js sends them. */
import type { HttpError } from "../http-error.ts";
import { errors } from "./errors.ts";
import { EMPTY_FOLDER_PLACEHOLDER } from "./object-keys.ts";

/** The stack-wide upload ceiling: supabase/config.toml's `[storage] file_size_limit = "50MiB"`. */
export const GLOBAL_FILE_SIZE_LIMIT = 50 * 1024 * 1024;

/** Room for the form's own fields (user metadata may be up to 1 MiB on Supabase). */
const FORM_OVERHEAD = 1024 * 1024 + 64 * 1024;

/** Past this many bytes over the limit we stop draining an oversized body and drop the connection. */
const DRAIN_CEILING = 256 * 1024 * 1024;

export interface BucketLimits {
  file_size_limit: number | string | null;
  allowed_mime_types: string[] | null;
}

export interface Upload {
  bytes: Uint8Array;
  mimetype: string;
  /** As stored in metadata.cacheControl, e.g. `max-age=3600`. */
  cacheControl: string;
  userMetadata: Record<string, unknown> | null;
}

/** The effective size limit: the bucket's, capped by the stack's. */
export function maxFileSize(bucket: BucketLimits): number {
  const own = bucket.file_size_limit === null ? null : Number(bucket.file_size_limit);
  return own !== null && Number.isFinite(own) ? Math.min(own, GLOBAL_FILE_SIZE_LIMIT) : GLOBAL_FILE_SIZE_LIMIT;
}

/**
 * Reads an upload and enforces the bucket's limits: 413 EntityTooLarge past the
 * size limit, 415 InvalidMimeType for a type not in `allowed_mime_types`. Only an
 * empty `.emptyFolderPlaceholder` (a folder marker, as the dashboard makes them)
 * skips the type check: a name alone must not let bytes past it.
 */
export async function readUpload(request: Request, key: string, bucket: BucketLimits): Promise<Upload> {
  const limit = maxFileSize(bucket);
  const allowed = (bucket.allowed_mime_types ?? []).filter(Boolean);
  const contentType = request.headers.get("content-type") ?? "";

  let upload: Upload;
  if (contentType.toLowerCase().startsWith("multipart/form-data")) {
    const raw = await readCapped(request, limit + FORM_OVERHEAD, () => errors.entityTooLarge(limit));
    upload = await fromForm(raw, contentType);
  } else {
    const bytes = await readCapped(request, limit, () => errors.entityTooLarge(limit));
    upload = {
      bytes,
      mimetype: contentType || "application/octet-stream",
      cacheControl: request.headers.get("cache-control") ?? "no-cache",
      userMetadata: parseBase64Json(request.headers.get("x-metadata")),
    };
  }
  const folderMarker = key.endsWith(EMPTY_FOLDER_PLACEHOLDER) && upload.bytes.byteLength === 0;
  if (allowed.length > 0 && !folderMarker) validateMimeType(upload.mimetype, allowed);
  if (upload.bytes.byteLength > limit) throw errors.entityTooLarge(limit);
  return upload;
}

/** storage-api's check: `type/subtype` must equal an allowed type or match `type/*`. */
export function validateMimeType(mimeType: string, allowedMimeTypes: string[]): void {
  const [type, subtype, ...rest] = mimeType.split("/");
  if (subtype === undefined || rest.length > 0) throw errors.invalidMimeType(mimeType);
  for (const allowedMimeType of allowedMimeTypes) {
    const [allowedType, allowedSubtype] = allowedMimeType.split("/");
    if (allowedType === type && (allowedSubtype === "*" || allowedSubtype === subtype)) return;
  }
  throw errors.invalidMimeType(mimeType);
}

async function fromForm(raw: Uint8Array<ArrayBuffer>, contentType: string): Promise<Upload> {
  let form: FormData;
  try {
    form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw errors.invalidRequest("The multipart/form-data body could not be parsed");
  }
  let file: File | null = null;
  for (const value of form.values()) {
    if (typeof value !== "string") {
      file = value;
      break;
    }
  }
  if (!file) throw errors.invalidRequest("No content provided: the form has no file part");
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value !== "" ? value : null;
  };
  const cacheTime = field("cacheControl");
  const metadata = field("metadata") ?? field("userMetadata");
  if (metadata !== null && Buffer.byteLength(metadata) > 1024 * 1024) {
    throw errors.invalidRequest("The user_metadata exceeded the maximum allowed size");
  }
  return {
    bytes: new Uint8Array(await file.arrayBuffer()),
    mimetype: field("contentType") ?? (file.type || "application/octet-stream"),
    cacheControl: cacheTime ? `max-age=${cacheTime}` : "no-cache",
    userMetadata: parseJson(metadata),
  };
}

/**
 * Reads the whole body, failing with `tooLarge()` once it passes `cap` bytes. The
 * rest is drained (up to a ceiling) so the client receives the error instead of a
 * reset connection.
 */
async function readCapped(request: Request, cap: number, tooLarge: () => HttpError): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      if (total - cap > DRAIN_CEILING) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.length = 0;
      continue;
    }
    chunks.push(value);
  }
  if (total > cap) throw tooLarge();
  return Buffer.concat(chunks);
}

function parseJson(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function parseBase64Json(header: string | null): Record<string, unknown> | null {
  return header === null ? null : parseJson(Buffer.from(header, "base64").toString("utf8"));
}
