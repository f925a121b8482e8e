/** @module The text of an uploaded document: plain text and Markdown as they are, PDF through unpdf (pdf.js, no network). */
import { extractText, getDocumentProxy } from "unpdf";

/** The document types the research agent can read. */
export const DOCUMENT_TYPES = ["text/plain", "text/markdown", "application/pdf"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A document that cannot be read: the message says why, for the user. */
export class DocumentError extends Error {
  readonly isDocumentError = true;
}

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

/** The document's text; throws DocumentError for a PDF that cannot be parsed or a file with no text. */
export async function extractDocumentText(bytes: Uint8Array, type: DocumentType): Promise<string> {
  let text: string;
  if (type === "application/pdf") {
    try {
      const pdf = await getDocumentProxy(bytes);
      text = (await extractText(pdf, { mergePages: false })).text.join("\n\n");
    } catch (error) {
      throw new DocumentError(`The PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  }
  if (!text.trim()) throw new DocumentError("The document has no text to read (a scanned PDF needs OCR first).");
  return text;
}
