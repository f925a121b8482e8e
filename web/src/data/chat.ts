/** @module Chat data: threads, messages and their artifacts through supabase-js; sends, retries, uploads and artifacts through the chat function. */
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, DOCUMENT_MAX_BYTES, type ChatAttachment, type SendMessageResponse } from "../../../shared/chat/api.ts";
import { documentTypeOf } from "../../../shared/documents/types.ts";
import { appError, toAppError, type AppError } from "../lib/errors.ts";
import { callFunction, type Result } from "../lib/functions.ts";
import { anonKey, supabase, supabaseUrl } from "../lib/supabase.ts";

export interface ChatThread {
  id: string;
  title: string;
  project_id: string | null;
  last_message_at: string | null;
  last_message_preview: string | null;
  created_at: string;
}

export interface ChatMessage {
  id: string;
  thread_id: string;
  role: "user" | "assistant" | "agent";
  content: string;
  metadata: Record<string, unknown>;
  status: "complete" | "failed";
  error: string | null;
  job_id: string | null;
  created_at: string;
}

export interface MessageArtifact {
  message_id: string;
  job_artifact_id: string | null;
  payload: Record<string, unknown>;
}

export const THREAD_COLUMNS = "id, title, project_id, last_message_at, last_message_preview, created_at";
export const MESSAGE_COLUMNS = "id, thread_id, role, content, metadata, status, error, job_id, created_at";

export async function fetchThreads(): Promise<ChatThread[]> {
  const { data, error } = await supabase().from("chat_threads").select(THREAD_COLUMNS)
    .order("last_message_at", { ascending: false, nullsFirst: true }).order("created_at", { ascending: false }).limit(100);
  if (error) throw toAppError(error, "Your threads could not be loaded.");
  return data as ChatThread[];
}

export async function fetchThread(id: string): Promise<ChatThread | null> {
  const { data, error } = await supabase().from("chat_threads").select(THREAD_COLUMNS).eq("id", id).maybeSingle();
  if (error) throw toAppError(error, "The thread could not be loaded.");
  return data as ChatThread | null;
}

export async function createThread(title: string): Promise<Result<ChatThread>> {
  const { data, error } = await supabase().from("chat_threads").insert({ title }).select(THREAD_COLUMNS).single();
  return error ? { data: null, error: toAppError(error, "The thread could not be created.") } : { data: data as ChatThread, error: null };
}

/** The thread's messages, oldest first (the last 500). */
export async function fetchMessages(threadId: string): Promise<ChatMessage[]> {
  const { data, error } = await supabase().from("chat_messages").select(MESSAGE_COLUMNS).eq("thread_id", threadId)
    .order("created_at", { ascending: false }).order("id").limit(500);
  if (error) throw toAppError(error, "The messages could not be loaded.");
  return (data as ChatMessage[]).reverse();
}

export async function fetchMessageArtifacts(messageIds: string[]): Promise<MessageArtifact[]> {
  if (!messageIds.length) return [];
  const { data, error } = await supabase().from("message_artifacts").select("message_id, job_artifact_id, payload").in("message_id", messageIds);
  if (error) throw toAppError(error, "The artifacts could not be loaded.");
  return data as MessageArtifact[];
}

export const sendMessage = (threadId: string, content: string, attachments: ChatAttachment[]): Promise<Result<SendMessageResponse>> =>
  callFunction(`chat/threads/${threadId}/messages`, { method: "POST", body: { content, attachments } });

export const retryMessage = (messageId: string): Promise<Result<SendMessageResponse>> =>
  callFunction(`chat/messages/${messageId}/retry`, { method: "POST" });

/** A stage artifact's full content (a Storage bundle is fetched by the function). */
export const fetchJobArtifact = (id: string): Promise<Result<{ stage: string; content: unknown; size_bytes: number }>> => callFunction(`chat/artifacts/${id}`);

/** Why `file` cannot be attached, in words, or null when it can. */
export function attachmentProblem(file: File): string | null {
  if (file.size > ATTACHMENT_MAX_BYTES) return `${file.name} is larger than 10 MiB.`;
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return `${file.name}: only text, Markdown, CSV, JSON, PDF and images can be attached.`;
  return null;
}

/**
 * Uploads `file` into `bucket` under `{user}/{folder}/`, reporting progress
 * (supabase-js has no upload progress, so this posts to the same Storage
 * endpoint with XMLHttpRequest); answers the object's path.
 */
async function uploadWithProgress(bucket: string, folder: string, file: File, contentType: string, onProgress: (fraction: number) => void): Promise<Result<string>> {
  const { data: session } = await supabase().auth.getSession();
  if (!session.session) return { data: null, error: appError("unauthenticated", "Sign in again to upload.") };
  const safe = file.name.replace(/[^\w.-]+/g, "_").slice(-120) || "file";
  const path = `${session.session.user.id}/${folder}/${crypto.randomUUID()}-${safe}`;
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `${supabaseUrl()}/storage/v1/object/${bucket}/${path.split("/").map(encodeURIComponent).join("/")}`);
    request.setRequestHeader("apikey", anonKey());
    request.setRequestHeader("authorization", `Bearer ${session.session!.access_token}`);
    request.setRequestHeader("content-type", contentType);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => resolve({ data: null, error: appError("network", "The upload failed: the server could not be reached.") });
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve({ data: path, error: null });
        return;
      }
      let message = `The upload failed (${request.status}).`;
      try {
        message = (JSON.parse(request.responseText) as { message?: string }).message ?? message;
      } catch {
        // Not JSON: keep the status.
      }
      resolve({ data: null, error: appError(request.status === 413 || request.status === 415 ? "invalid" : "server", message, { status: request.status }) as AppError });
    };
    request.send(file);
  });
}

/** Uploads an attachment for a message of the thread. */
export async function uploadAttachment(threadId: string, file: File, onProgress: (fraction: number) => void): Promise<Result<ChatAttachment>> {
  const problem = attachmentProblem(file);
  if (problem) return { data: null, error: appError("invalid", problem) };
  const { data: path, error } = await uploadWithProgress("attachments", threadId, file, file.type, onProgress);
  if (error) return { data: null, error };
  return { data: { storage_path: path, original_name: file.name, mime_type: file.type as ChatAttachment["mime_type"], size_bytes: file.size }, error: null };
}

/** Uploads a project document (txt, md, pdf) and has it read into passages for the agents. */
export async function uploadDocument(projectId: string, file: File, onProgress: (fraction: number) => void): Promise<Result<{ document_id: string; chunk_count: number }>> {
  const type = documentTypeOf(file.type, file.name);
  if (!type) return { data: null, error: appError("invalid", `${file.name}: documents must be .txt, .md or .pdf.`) };
  if (file.size > DOCUMENT_MAX_BYTES) return { data: null, error: appError("invalid", `${file.name} is larger than 10 MiB.`) };
  const { data: path, error } = await uploadWithProgress("documents", projectId, file, type, onProgress);
  if (error) return { data: null, error };
  return callFunction("chat/documents", { method: "POST", body: { project_id: projectId, storage_path: path, filename: file.name } });
}

export interface ProjectDocument {
  id: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  chunk_count: number;
  created_at: string;
}

export async function fetchDocuments(projectId: string): Promise<ProjectDocument[]> {
  const { data, error } = await supabase().from("project_documents").select("id, filename, content_type, size_bytes, chunk_count, created_at")
    .eq("project_id", projectId).order("created_at", { ascending: false });
  if (error) throw toAppError(error, "The documents could not be loaded.");
  return data as ProjectDocument[];
}
