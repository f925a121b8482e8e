/**
 * @module The preview's error reporter: a script put first in the previewed page that posts what the
 * app throws (uncaught exceptions, unhandled rejections, errors React logs while rendering) to the
 * CodeForge page, and the check the CodeForge page applies to what it receives.
 */
import type { PreviewError } from "../../../../shared/protocol/index.ts";

export const PREVIEW_ERROR_MESSAGE = "codeforge:preview-error";

/** Runs inside the sandboxed frame (an opaque origin): it can only post to its parent. At most 20 reports per page. */
const REPORTER = `(function () {
  var sent = 0;
  function send(kind, message, stack) {
    if (sent++ >= 20) return;
    try {
      parent.postMessage({ type: "${PREVIEW_ERROR_MESSAGE}", kind: kind, message: String(message || "Unknown error").slice(0, 2000), stack: stack ? String(stack).slice(0, 8000) : undefined }, "*");
    } catch (e) {}
  }
  addEventListener("error", function (e) { send("uncaught", (e.error && e.error.message) || e.message, e.error && e.error.stack); });
  addEventListener("unhandledrejection", function (e) { var r = e.reason; send("rejection", (r && r.message) || String(r), r && r.stack); });
  var original = console.error;
  console.error = function () {
    for (var i = 0; i < arguments.length; i++) {
      var a = arguments[i];
      if (a instanceof Error) { send("render", a.message, a.stack); break; }
    }
    return original.apply(console, arguments);
  };
})();`;

/** The page with the reporter as its first script, so it sees errors thrown while the app's bundle loads. */
export function withErrorReporter(html: string): string {
  const tag = `<script>${REPORTER}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  return head ? html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length) : tag + html;
}

/** A message from the frame as a PreviewError, or null when it is not one (anything may post to a window). */
export function previewErrorOf(data: unknown): PreviewError | null {
  const d = data as { type?: unknown; kind?: unknown; message?: unknown; stack?: unknown } | null;
  if (!d || d.type !== PREVIEW_ERROR_MESSAGE || typeof d.message !== "string" || !d.message.trim()) return null;
  const kind = d.kind === "uncaught" || d.kind === "rejection" || d.kind === "render" ? d.kind : null;
  if (!kind) return null;
  return { kind, message: d.message.trim().slice(0, 2000), ...(typeof d.stack === "string" && d.stack ? { stack: d.stack.slice(0, 8000) } : {}) };
}
