/** @module Reading JSON out of a model's text answer (which may be fenced in Markdown or wrapped in prose). */

/** The JSON value in `text`, or the reason there is none. */
export type JsonText = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses `text` as JSON; failing that, the body of a ```json fence, then the
 * span from the first `{` to the last `}` (models in prompt mode add prose).
 */
export function parseJsonText(text: string): JsonText {
  const candidates = [text.trim()];
  const fence = /```(?:json)?\s*\n([\s\S]*?)\n?```/i.exec(text);
  if (fence?.[1]) candidates.push(fence[1].trim());
  const first = text.indexOf("{");
  const last = text.lastIndexOf("}");
  if (first !== -1 && last > first) candidates.push(text.slice(first, last + 1));
  let error = "empty answer";
  for (const [index, candidate] of candidates.entries()) {
    if (candidate === "") continue;
    try {
      return { ok: true, value: JSON.parse(candidate) };
    } catch (cause) {
      if (index === 0) error = (cause as Error).message;
    }
  }
  return { ok: false, error };
}
