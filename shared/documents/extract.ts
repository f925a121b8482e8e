/** @module The text of an uploaded document: plain text and Markdown as they are, PDF through unpdf (pdf.js, no network). */
import { extractText, getDocumentProxy } from "unpdf";
import type { DocumentType } from "./types.ts";
import { AppError } from "../errors.ts";

/** A document that cannot be read: the message says why, for the user. */

/** The document's text; throws an `unreadable_document` AppError for a PDF that cannot be parsed or a file with no text. */
export async function extractDocumentText(bytes: Uint8Array, type: DocumentType): Promise<string> {
  let text: string;
  if (type === "application/pdf") {
    try {
      const pdf = await getDocumentProxy(bytes);
      text = (await extractText(pdf, { mergePages: false })).text.join("\n\n");
    } catch (error) {
      throw new AppError("unreadable_document", `The PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  }
  if (!text.trim()) throw new AppError("unreadable_document", "The document has no text to read (a scanned PDF needs OCR first).");
  return text;
}
