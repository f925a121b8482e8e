/** @module POST /chat/threads/:id/messages and /chat/messages/:id/retry: store the message, start what it asks for, stream the reply. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { SendMessageRequest, type ChatAttachment, type SendMessageResponse } from "../../shared/chat/api.ts";
import { chatIntent, type ChatIntent } from "../../shared/chat/intent.ts";
import { runPrompt, truncationNotice, type RunPrompt } from "../../shared/chat/prompt.ts";
import type { ReplyInput, Source } from "../../shared/chat/reply.ts";
import { hasPassages } from "../../shared/documents/passages.ts";
import { embedderFromEnv } from "../../shared/embeddings/embedder.ts";
import type { ChatMessage } from "../../shared/llm/types.ts";
import { callerOf, serviceClient, type FunctionContext, type FunctionEnv } from "../_shared/context.ts";
import { json, parse, readJson } from "../_shared/http.ts";
import { replyWriter, streamReply } from "./reply.ts";
import { userModelEnv } from "../../shared/llm-settings/job-model.ts";
import { LlmSettingsStore } from "../../shared/llm-settings/store.ts";
import { hasFiles, startChatRun, type ChatThread, type StartedRun } from "./runs.ts";
import { AppError, dbError } from "../../shared/errors.ts";

async function readOwnThread(db: SupabaseClient, threadId: string): Promise<ChatThread & { project_title: string | null }> {
  const { data, error } = await db.from("chat_threads").select("id, project_id, title, projects(title)").eq("id", threadId).maybeSingle();
  if (error) throw dbError(error, `reading thread ${threadId}`);
  if (!data) throw new AppError("not_found", "No such thread.");
  const project = data.projects as unknown as { title: string } | null;
  return { id: data.id, project_id: data.project_id, title: data.title, project_title: project?.title ?? null };
}

/** Every attachment must be the caller's upload for this thread, present in the bucket. */
async function checkAttachments(db: SupabaseClient, userId: string, threadId: string, attachments: ChatAttachment[]): Promise<void> {
  for (const attachment of attachments) {
    if (!attachment.storage_path.startsWith(`${userId}/${threadId}/`)) {
      throw new AppError("invalid_request", `Attachment ${attachment.original_name}: upload it under ${userId}/${threadId}/ in the bucket "attachments".`);
    }
    const { data } = await db.storage.from("attachments").exists(attachment.storage_path);
    if (!data) throw new AppError("invalid_request", `Attachment ${attachment.original_name} was not uploaded (no object ${attachment.storage_path}).`);
  }
}

/** Passages of the project's documents nearest the question, through RLS. */
async function sourcesFor(env: FunctionEnv, db: SupabaseClient, projectId: string | null, question: string): Promise<Source[]> {
  if (!projectId || !(await hasPassages(db, projectId))) return [];
  const embedder = embedderFromEnv(env);
  const [query] = await embedder.embed([question]);
  const { data, error } = await db.rpc("match_documents", { query_embedding: JSON.stringify(query), query_model: embedder.model, filter_project_id: projectId, match_count: 3 });
  if (error) throw dbError(error, `match_documents`);
  return ((data ?? []) as Source[]).filter((source) => source.similarity > 0);
}

/** The thread's turns before `messageId`, oldest first: the last 12, each clipped to 2,000 characters. */
async function historyBefore(db: SupabaseClient, threadId: string, messageId: string): Promise<ChatMessage[]> {
  const { data: message, error } = await db.from("chat_messages").select("created_at").eq("id", messageId).single();
  if (error) throw dbError(error, `reading message ${messageId}`);
  const { data, error: historyError } = await db.from("chat_messages").select("role, content")
    .eq("thread_id", threadId).lt("created_at", message.created_at).order("created_at", { ascending: false }).limit(12);
  if (historyError) throw dbError(historyError, `reading the history of thread ${threadId}`);
  return (data ?? []).reverse().filter((turn) => turn.content).map((turn) => ({
    role: turn.role === "user" ? "user" : "assistant",
    content: turn.content.slice(0, 2000),
  }));
}

interface Turn {
  context: FunctionContext;
  db: SupabaseClient;
  userId: string;
  thread: ChatThread & { project_title: string | null };
  messageId: string;
  intent: ChatIntent;
  prompt: RunPrompt;
  /** The run the message started already (a retry after the reply failed): not started again. */
  existingJobId?: string | null;
}

/** Starts what the message asks for, streams the reply in the background and answers 202. */
async function act(turn: Turn): Promise<Response> {
  const { context, db, thread, messageId, intent, prompt } = turn;
  const { env } = context;
  let run: StartedRun | null = turn.existingJobId && thread.project_id ? { job_id: turn.existingJobId, project_id: thread.project_id } : null;
  let failure: string | undefined;
  if (intent !== "ask" && !run) {
    try {
      run = await startChatRun(context, db, thread, messageId, intent, prompt.prompt);
    } catch (error) {
      console.error(`message ${messageId}: starting the run failed:`, error);
      failure = "the run could not be queued.";
      await serviceClient(env).from("chat_messages").update({ status: "failed", error: "The run could not be queued." }).eq("id", messageId);
    }
  }
  const sources = intent === "ask" ? await sourcesFor(env, db, thread.project_id, prompt.prompt) : [];
  const history = await historyBefore(db, thread.id, messageId);
  const input: ReplyInput = { intent, prompt: prompt.prompt, notice: truncationNotice(prompt), projectTitle: thread.project_title, sources, history, ...(failure ? { failure } : {}) };
  // The reply is written with the caller's model and key, as their project's jobs are.
  const writer = await userModelEnv(new LlmSettingsStore(serviceClient(env)), env, turn.userId, thread.project_id).then(
    (replyEnv) => replyWriter(replyEnv as FunctionEnv, input, prompt),
    (error: unknown) => ({ write: () => Promise.reject(error), source: { source: "settings" } }),
  );
  const replyId = crypto.randomUUID();
  context.waitUntil(streamReply(env, {
    threadId: thread.id,
    replyId,
    replyTo: messageId,
    metadata: { intent, ...writer.source, ...(sources.length ? { sources: sources.map(({ filename, chunk_index, similarity }) => ({ filename, chunk_index, similarity })) } : {}) },
  }, writer.write));
  const body: SendMessageResponse = {
    message_id: messageId,
    reply_id: replyId,
    intent,
    truncated: prompt.truncated,
    job_id: run?.job_id ?? null,
    project_id: run?.project_id ?? thread.project_id,
  };
  return json(body, 202);
}

/** Removes uploads whose rows were not written, so Storage keeps no orphan. */
async function removeUploads(env: FunctionEnv, attachments: ChatAttachment[]): Promise<void> {
  if (!attachments.length) return;
  const { error } = await serviceClient(env).storage.from("attachments").remove(attachments.map((a) => a.storage_path));
  if (error) console.error(`removing orphan attachments: ${error.message}`);
}

export async function sendMessage(request: Request, threadId: string, context: FunctionContext): Promise<Response> {
  const body = parse(SendMessageRequest, await readJson(request));
  const { env } = context;
  const { db, userId } = await callerOf(env, request);
  const thread = await readOwnThread(db, threadId);
  await checkAttachments(db, userId, threadId, body.attachments);
  const prompt = runPrompt(body.content);
  const intent = chatIntent(body.content, { hasFiles: await hasFiles(db, thread.project_id), mode: body.mode });
  const metadata = { intent, ...(prompt.truncated ? { truncated: { original_length: prompt.original_length, limit: prompt.prompt.length } } : {}) };
  const { data, error } = await db.rpc("post_chat_message", { p_thread_id: threadId, p_content: body.content, p_metadata: metadata, p_attachments: body.attachments });
  if (error) {
    // A duplicate path is someone's registered upload: keep it.
    if (error.code !== "23505") await removeUploads(env, body.attachments);
    throw dbError(error, "Writing the message");
  }
  return act({ context, db, userId, thread, messageId: (data as { id: string }).id, intent, prompt });
}

export async function retryMessage(request: Request, messageId: string, context: FunctionContext): Promise<Response> {
  const { env } = context;
  const { db, userId } = await callerOf(env, request);
  const { data: message, error } = await db.from("chat_messages").select("id, thread_id, role, status, content, metadata, job_id").eq("id", messageId).maybeSingle();
  if (error) throw dbError(error, `reading message ${messageId}`);
  if (!message) throw new AppError("not_found", "No such message.");
  // Claims the retry: of two at once, one finds the message failed and the other gets 409.
  const { data: claimed, error: claimError } = await serviceClient(env).from("chat_messages")
    .update({ status: "complete", error: null }).eq("id", messageId).eq("role", "user").eq("status", "failed").select("id");
  if (claimError) throw dbError(claimError, `claiming the retry of ${messageId}`);
  if (!claimed?.length) throw new AppError("not_failed", "Only a failed message of yours can be retried.");
  const thread = await readOwnThread(db, message.thread_id);
  const stored = (message.metadata as { intent?: ChatIntent }).intent;
  const intent = stored ?? chatIntent(message.content, { hasFiles: await hasFiles(db, thread.project_id) });
  return act({ context, db, userId, thread, messageId, intent, prompt: runPrompt(message.content), existingJobId: message.job_id });
}
