/** @module The assistant's reply: streamed piece by piece as Realtime broadcasts on `chat:{thread}`, stored once complete. */
import { chatTopic, type ReplyFailed, type ReplyPiece } from "../../shared/chat/api.ts";
import { modelReplyRequest } from "../../shared/chat/model-prompt.ts";
import { offlineReply, replyPieces, type ReplyInput } from "../../shared/chat/reply.ts";
import { truncationNotice, type RunPrompt } from "../../shared/chat/prompt.ts";
import type { Usage } from "../../shared/jobs/types.ts";
import { toJobUsage } from "../../shared/llm/pricing.ts";
import type { LlmProvider } from "../../shared/llm/types.ts";
import { textProviderFromEnv } from "../../shared/pipeline/model-from-env.ts";
import { sendBroadcasts } from "../_shared/broadcast.ts";
import { serviceClient, type FunctionEnv } from "../_shared/context.ts";

export interface Reply {
  threadId: string;
  replyId: string;
  replyTo: string;
  metadata: Record<string, unknown>;
}

/** Writes a reply: passes each piece to `emit` as it is ready; resolves when the reply is complete, with what a model call cost. */
type Writer = (emit: (piece: string) => void) => Promise<Usage | void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The offline engine's reply, cut into pieces paced by CODEFORGE_CHAT_STREAM_DELAY_MS (default 20). */
function offlineWriter(env: FunctionEnv, input: ReplyInput): Writer {
  const delay = Number(env.CODEFORGE_CHAT_STREAM_DELAY_MS ?? 20);
  return async (emit) => {
    const pieces = replyPieces(offlineReply(input));
    for (const [index, piece] of pieces.entries()) {
      emit(piece);
      if (delay > 0 && index < pieces.length - 1) await sleep(delay);
    }
  };
}

/** The configured model's reply, its tokens passed on as the provider streams them; a truncation notice comes first. */
function modelWriter(provider: LlmProvider, input: ReplyInput, prompt: RunPrompt): Writer {
  return async (emit) => {
    const notice = truncationNotice(prompt);
    if (notice) emit(`${notice}\n\n`);
    const result = await provider.generate({ ...modelReplyRequest(input), onToken: (delta) => delta && emit(delta) });
    return toJobUsage(result);
  };
}

/**
 * The writer for `input`: the model `CODEFORGE_LLM_PROVIDER` configures, else
 * the offline engine. A misconfigured model fails the reply (the message turns
 * failed, saying which variable is missing), not the request.
 */
export function replyWriter(env: FunctionEnv, input: ReplyInput, prompt: RunPrompt): { write: Writer; source: Record<string, string> } {
  let provider: LlmProvider | null;
  try {
    provider = textProviderFromEnv(env);
  } catch (error) {
    return { write: () => Promise.reject(error), source: { source: String(env.CODEFORGE_LLM_PROVIDER) } };
  }
  return provider
    ? { write: modelWriter(provider, input, prompt), source: { source: provider.name, model: provider.model } }
    : { write: offlineWriter(env, input), source: { source: "offline" } };
}

/**
 * Broadcasts the reply's pieces in order (event `token`) as `write` produces
 * them, then inserts the assistant message with the reply's id and the pieces
 * joined, which tells clients the stream is over. A model's reply records its
 * `usage`, which counts toward the owner's monthly spend. When `write` fails, clients
 * get `reply_failed` and the message it answered is marked failed, to be retried.
 */
export async function streamReply(env: FunctionEnv, reply: Reply, write: Writer): Promise<void> {
  const topic = chatTopic(reply.threadId);
  const pieces: string[] = [];
  let sent = Promise.resolve();
  const emit = (text: string) => {
    const payload: ReplyPiece = { reply_id: reply.replyId, index: pieces.length, text };
    pieces.push(text);
    sent = sent.then(() => sendBroadcasts(env, [{ topic, event: "token", payload: { ...payload } }]));
  };
  const service = serviceClient(env);
  let usage: Usage | void;
  try {
    usage = await write(emit);
  } catch (error) {
    console.error(`reply ${reply.replyId}: the model failed:`, error);
    await sent;
    const { error: updateError } = await service.from("chat_messages")
      .update({ status: "failed", error: `The assistant could not reply: ${(error as Error).message}` }).eq("id", reply.replyTo);
    if (updateError) console.error(`marking message ${reply.replyTo} failed: ${updateError.message}`);
    // After the update: a client told the reply failed finds the message retryable.
    const payload: ReplyFailed = { reply_id: reply.replyId };
    await sendBroadcasts(env, [{ topic, event: "reply_failed", payload: { ...payload } }]);
    return;
  }
  await sent;
  const { error } = await service.from("chat_messages").insert({
    id: reply.replyId,
    thread_id: reply.threadId,
    role: "assistant",
    content: pieces.join(""),
    metadata: { ...reply.metadata, reply_to: reply.replyTo, streamed_pieces: pieces.length, ...(usage ? { usage } : {}) },
  });
  if (error) console.error(`storing reply ${reply.replyId}: ${error.message}`);
}
