/** @module How stored objects are served so that user content is never an active document on the stack's origin. */

// Types a browser would run as a document or script. Hosted Supabase Storage serves
// text/html as text/plain (storage-api's `normalizeContentType`); the stack does the
// same for every type that can carry script, not only HTML.
const ACTIVE_ESSENCES = new Set([
  "text/html",
  "application/xhtml+xml",
  "image/svg+xml",
  "text/xml",
  "application/xml",
  "text/xsl",
  "application/xslt+xml",
  "text/javascript",
  "application/javascript",
  "application/x-javascript",
  "text/ecmascript",
  "application/ecmascript",
  "application/x-shockwave-flash",
  "multipart/x-mixed-replace",
]);

/** True when a browser could render `mimetype` as a document that runs script. */
export function isActiveType(mimetype: string): boolean {
  const essence = mimetype.split(";")[0]!.trim().toLowerCase();
  return ACTIVE_ESSENCES.has(essence) || essence.endsWith("+xml") || !/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(essence);
}

/** The content type an object is served with: active types become inert text. */
export function servedContentType(mimetype: string): string {
  return isActiveType(mimetype) ? "text/plain; charset=utf-8" : mimetype;
}

/**
 * Headers on every object response: no sniffing an inert type into an active one,
 * and, should a browser render the response as a document anyway, a sandbox with
 * an opaque origin (no cookies, no storage, no script).
 */
export const INERT_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox",
};
