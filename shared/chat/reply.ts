/** @module The assistant's chat reply as the offline engine writes it, and the pieces it is streamed in. */
import type { ChatMessage } from "../llm/types.ts";
import type { ChatIntent } from "./intent.ts";

/** A passage of a project document that answers a question. */
export interface Source {
  filename: string;
  chunk_index: number;
  content: string;
  similarity: number;
}

export interface ReplyInput {
  intent: ChatIntent;
  /** The prompt the run uses (already truncated). */
  prompt: string;
  notice: string | null;
  projectTitle: string | null;
  /** For `ask`: the nearest passages of the project's documents, nearest first. */
  sources: Source[];
  /** Set when starting the run failed. */
  failure?: string;
  /** The thread's earlier turns, oldest first (agent messages count as the assistant's); only a model reads them. */
  history?: ChatMessage[];
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * The reply, deterministic for a given input: what the agents will do (build or
 * change) or the answer from the project's documents, with the truncation notice.
 */
export function offlineReply(input: ReplyInput): string {
  const parts: string[] = [];
  if (input.notice) parts.push(input.notice);
  if (input.failure) {
    parts.push(`I could not start the run: ${input.failure} Use "Retry" on your message to try again.`);
  } else if (input.intent === "build") {
    parts.push(`I'll build "${clip(input.prompt, 80)}". The agents go through requirements, architecture, code and review; each step appears below with what it produced.`);
  } else if (input.intent === "change") {
    parts.push(`I'll change ${input.projectTitle ? `"${input.projectTitle}"` : "the app"}: "${clip(input.prompt, 120)}". The code agent edits the existing files; nothing is rebuilt from scratch.`);
  } else if (input.sources.length) {
    const [best] = input.sources;
    parts.push(`From ${best!.filename} (passage ${best!.chunk_index + 1}): "${clip(best!.content.replace(/\s+/g, " ").trim(), 400)}"`);
  } else {
    parts.push("I found nothing about that in this project's documents. Upload a document (txt, md or pdf) or describe the app you want and I'll build it.");
  }
  parts.push("(Written by the offline engine.)");
  return parts.join("\n\n");
}

/** `text` in pieces of about `words` words each, spaces kept, so the pieces join back to `text`. */
export function replyPieces(text: string, words = 3): string[] {
  const tokens = text.match(/\S+\s*/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < tokens.length; i += words) pieces.push(tokens.slice(i, i + words).join(""));
  const leading = text.match(/^\s+/)?.[0] ?? "";
  if (leading && pieces.length) pieces[0] = leading + pieces[0];
  return pieces;
}
