/** @module The text of a message's txt/md attachments as a run's research input reads it: each file and the whole cut to a size a prompt can hold. */

/** Most characters one attached file contributes: with its header line it stays under the 4,000 at which the research prompt clips a document. */
export const ATTACHMENT_TEXT_CHARS = 3800;
/** Most characters all of a message's attached files contribute together. */
export const ATTACHMENTS_TEXT_CHARS = 12000;

/** Attachment types read as text; images, PDFs, CSV and JSON are kept but not read into the prompt. */
const TEXT_TYPES = new Set(["text/plain", "text/markdown"]);
const TEXT_EXTENSION = /\.(txt|md|markdown)$/i;

/** Whether an attachment is a text file the research agent reads. */
export const isTextAttachment = (mimeType: string, name: string) => TEXT_TYPES.has(mimeType) || (mimeType.startsWith("text/") && TEXT_EXTENSION.test(name));

/** One attached file as the run's `input_context.attachments` holds it. */
export interface AttachmentText {
  name: string;
  text: string;
  /** The file's length in characters before cutting; more than `text.length` when it was cut. */
  original_length: number;
}

/** `text` cut to `max` characters at a line or word end where one is near, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const head = text.slice(0, end);
  const boundary = Math.max(head.lastIndexOf("\n"), head.lastIndexOf(" "));
  return (boundary > max * 0.8 ? head.slice(0, boundary) : head).trimEnd();
}

/**
 * The files in order, each cut to ATTACHMENT_TEXT_CHARS and all together to
 * ATTACHMENTS_TEXT_CHARS (later files get what the earlier leave; a file with no
 * room left is dropped). Blank files are skipped.
 */
export function attachmentTexts(files: { name: string; text: string }[]): AttachmentText[] {
  const texts: AttachmentText[] = [];
  let room = ATTACHMENTS_TEXT_CHARS;
  for (const file of files) {
    const whole = file.text.replace(/\r\n?/g, "\n").trim();
    if (!whole || room <= 0) continue;
    const text = cut(whole, Math.min(ATTACHMENT_TEXT_CHARS, room));
    texts.push({ name: file.name, text, original_length: whole.length });
    room -= text.length;
  }
  return texts;
}

/** How the research agent is handed one attached file, saying when it was cut. */
export function attachmentDocument(file: AttachmentText): string {
  const note = file.text.length < file.original_length ? ` (the first ${file.text.length.toLocaleString("en-US")} of ${file.original_length.toLocaleString("en-US")} characters)` : "";
  return `Attached file ${file.name}${note}:\n${file.text}`;
}
