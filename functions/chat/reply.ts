/** @module The assistant's reply: streamed piece by piece as Realtime broadcasts on `chat:{thread}`, stored once complete. */
import { chatTopic, type ReplyPiece } from "../../shared/chat/api.ts";
import { replyPieces } from "../../shared/chat/reply.ts";
import { sendBroadcasts } from "../_shared/broadcast.ts";
import { serviceClient, type FunctionEnv } from "../_shared/context.ts";

export interface Reply {
  threadId: string;
  replyId: string;
  replyTo: string;
  text: string;
  metadata: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Broadcasts the reply's pieces in order (event `token`), then inserts the
 * assistant message with the reply's id, which tells clients the stream is over.
 * CODEFORGE_CHAT_STREAM_DELAY_MS paces the offline engine's pieces (default 20).
 */
export async function streamReply(env: FunctionEnv, reply: Reply): Promise<void> {
  const delay = Number(env.CODEFORGE_CHAT_STREAM_DELAY_MS ?? 20);
  const pieces = replyPieces(reply.text);
  const topic = chatTopic(reply.threadId);
  for (const [index, text] of pieces.entries()) {
    const payload: ReplyPiece = { reply_id: reply.replyId, index, text };
    await sendBroadcasts(env, [{ topic, event: "token", payload: { ...payload } }]);
    if (delay > 0 && index < pieces.length - 1) await sleep(delay);
  }
  const { error } = await serviceClient(env).from("chat_messages").insert({
    id: reply.replyId,
    thread_id: reply.threadId,
    role: "assistant",
    content: reply.text,
    metadata: { ...reply.metadata, reply_to: reply.replyTo, streamed_pieces: pieces.length },
  });
  if (error) console.error(`storing reply ${reply.replyId}: ${error.message}`);
}
