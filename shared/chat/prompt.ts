/** @module The prompt limit of chat runs: a run reads at most the first 5,000 characters of a message, and the user is told. */

/** The most characters of a message a run's prompt takes (docs/architecture.md#chat). */
export const PROMPT_LIMIT = 5000;

export interface RunPrompt {
  prompt: string;
  truncated: boolean;
  /** The message's length before truncation. */
  original_length: number;
}

/** The prompt a run takes from `text`: whole, or its first PROMPT_LIMIT characters (never splitting a surrogate pair). */
export function runPrompt(text: string): RunPrompt {
  const trimmed = text.trim();
  if (trimmed.length <= PROMPT_LIMIT) return { prompt: trimmed, truncated: false, original_length: trimmed.length };
  let end = PROMPT_LIMIT;
  const last = trimmed.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { prompt: trimmed.slice(0, end).trimEnd(), truncated: true, original_length: trimmed.length };
}

/** What the user is told when their message was cut. */
export function truncationNotice(prompt: RunPrompt): string | null {
  if (!prompt.truncated) return null;
  return `Your message has ${prompt.original_length.toLocaleString("en-US")} characters; the run uses the first ${PROMPT_LIMIT.toLocaleString("en-US")}.`;
}
