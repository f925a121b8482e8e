/** @module What a chat message asks for: a build, a change to the built app, or an answer. */

export type ChatIntent = "build" | "change" | "ask";

const QUESTION_START = /^(what|why|how|when|where|who|which|can|could|does|do|is|are|should|would|explain|tell me)\b/i;

/**
 * The intent of `text` in a thread: an explicit `mode` wins; a question is
 * answered; otherwise a thread whose project already has files changes them
 * (a follow-up such as "make the header blue"), and any other thread builds.
 * @example chatIntent("make the header blue", { hasFiles: true }) // "change"
 */
export function chatIntent(text: string, context: { hasFiles: boolean; mode?: ChatIntent | "auto" }): ChatIntent {
  if (context.mode && context.mode !== "auto") return context.mode;
  const trimmed = text.trim();
  if (trimmed.endsWith("?") || QUESTION_START.test(trimmed)) return "ask";
  return context.hasFiles ? "change" : "build";
}

/** A project title from a build request: its first sentence, at most 60 characters. */
export function titleOf(prompt: string): string {
  const first = prompt.split(/(?<=[.!?])\s|\n/)[0]!.trim();
  const title = first.length > 60 ? `${first.slice(0, 57).trimEnd()}…` : first;
  return title || "Chat build";
}
