/** @module What a configured model is asked when it writes the assistant's chat reply: the same facts the offline reply states. */
import type { ChatMessage, GenerateRequest } from "../llm/types.ts";
import type { ReplyInput } from "./reply.ts";

const SYSTEM = [
  "You are the assistant of CodeForge, a studio where users build web apps by chatting with AI agents.",
  "Reply in plain text, in at most 120 words, in the user's language. State only what the context below says; never invent files, features or results.",
].join("\n");

/** What the agents do about the message, as the model must relay it. */
function situation(input: ReplyInput): string[] {
  if (input.failure) return [`Starting the run failed: ${input.failure} Tell the user and that "Retry" on their message tries again.`];
  if (input.intent === "build") return ["A build run has started for this request: the agents write requirements, architecture, code and a review; each step appears in the thread. Acknowledge what will be built."];
  if (input.intent === "change") {
    return [`The code agent is applying this change to the existing files of ${input.projectTitle ? `"${input.projectTitle}"` : "the app"}; nothing is rebuilt. Say what will change.`];
  }
  if (!input.sources.length) return ["The project's documents have nothing about this question. Say so, and suggest uploading a document (txt, md or pdf) or describing an app to build."];
  return [
    "Answer the question from these passages of the project's documents, naming the file you quote; if they do not answer it, say so.",
    ...input.sources.map((source) => `[${source.filename}, passage ${source.chunk_index + 1}]\n${source.content}`),
  ];
}

/**
 * The conversation as providers accept it: starting with the user and alternating
 * (Anthropic refuses two turns of one role in a row), so a run of same-role turns
 * is joined into one.
 */
export function conversation(history: ChatMessage[], prompt: string): ChatMessage[] {
  const turns: ChatMessage[] = [];
  for (const turn of [...history, { role: "user" as const, content: prompt }]) {
    const last = turns.at(-1);
    if (!last && turn.role !== "user") continue;
    if (last?.role === turn.role) last.content = `${last.content}\n\n${turn.content}`;
    else turns.push({ ...turn });
  }
  return turns;
}

/** The generation request for the reply to `input` (the truncation notice is prepended by the caller, not the model). */
export function modelReplyRequest(input: ReplyInput): GenerateRequest {
  return {
    system: `${SYSTEM}\n\nContext:\n${situation(input).join("\n\n")}`,
    messages: conversation(input.history ?? [], input.prompt),
    maxTokens: 400,
  };
}
