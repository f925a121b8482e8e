/** @module The chat function's request contracts (zod, strict) and the upload limits the buckets enforce too. */
import { z } from "zod";

/** Bucket "attachments": at most 10 MiB, these types (the bucket in supabase/migrations sets the same). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = [
  "text/plain", "text/markdown", "text/csv", "application/json", "application/pdf",
  "image/png", "image/jpeg", "image/gif", "image/webp",
] as const;
/** Bucket "documents": at most 10 MiB of txt, md or pdf. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The longest message stored (a run reads the first 5,000 characters of it). */
export const MESSAGE_MAX_CHARS = 20000;

export const ChatAttachment = z.strictObject({
  storage_path: z.string().min(3).max(500),
  original_name: z.string().trim().min(1).max(255),
  mime_type: z.enum(ATTACHMENT_TYPES, { error: `Attachments must be one of: ${ATTACHMENT_TYPES.join(", ")}.` }),
  size_bytes: z.number().int().min(0).max(ATTACHMENT_MAX_BYTES, { error: "Attachments are limited to 10 MiB each." }),
});
export type ChatAttachment = z.infer<typeof ChatAttachment>;

/** POST /chat/threads/:thread_id/messages */
export const SendMessageRequest = z.strictObject({
  content: z.string().trim().min(1, { error: "Write a message first." }).max(MESSAGE_MAX_CHARS, { error: `Messages are limited to ${MESSAGE_MAX_CHARS} characters.` }),
  /** auto: a question is answered, a thread with an app changes it, any other builds. */
  mode: z.enum(["auto", "build", "change", "ask"]).default("auto"),
  attachments: z.array(ChatAttachment).max(5, { error: "At most 5 attachments per message." }).default([]),
});
export type SendMessageRequest = z.infer<typeof SendMessageRequest>;

/** What POST /chat/threads/:thread_id/messages and /chat/messages/:id/retry answer (202). */
export interface SendMessageResponse {
  message_id: string;
  /** The id the assistant's reply will have: its streamed pieces carry it, and the stored message uses it. */
  reply_id: string;
  intent: "build" | "change" | "ask";
  truncated: boolean;
  job_id: string | null;
  project_id: string | null;
}

/** POST /chat/documents: register a file uploaded to the bucket "documents". */
export const RegisterDocumentRequest = z.strictObject({
  project_id: z.guid(),
  storage_path: z.string().min(3).max(500),
  filename: z.string().trim().min(1).max(255),
});

/** The broadcast topic of a thread's streamed replies; event `token` with a ReplyPiece, `reply_failed` with a ReplyFailed. */
export const chatTopic = (threadId: string) => `chat:${threadId}`;

/** One streamed piece of an assistant reply. */
export interface ReplyPiece {
  reply_id: string;
  index: number;
  text: string;
}

/** A reply that broke off: its pieces so far are dropped, and the message it answered is marked failed (retry it). */
export interface ReplyFailed {
  reply_id: string;
}

export const IdParams = z.strictObject({ id: z.guid() });
