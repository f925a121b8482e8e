/** @module The document types the research agent reads, and how a file's type is told (no parser: the web app imports this too). */

/** The document types the research agent can read. */
export const DOCUMENT_TYPES = ["text/plain", "text/markdown", "application/pdf"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The type of a document from its MIME type, or from its name when the type is generic. */
export function documentTypeOf(contentType: string | null | undefined, filename: string): DocumentType | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if ((DOCUMENT_TYPES as readonly string[]).includes(type)) return type as DocumentType;
  const extension = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === "md" || extension === "markdown") return "text/markdown";
  if (extension === "txt") return "text/plain";
  if (extension === "pdf") return "application/pdf";
  return null;
}
