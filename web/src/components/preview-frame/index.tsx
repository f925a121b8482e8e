/**
 * @module A preview's page in a sandboxed iframe: scripts run, but in an opaque origin with no access to
 * CodeForge's session or storage. What the app throws is reported to `onError`.
 */
import { useEffect, useMemo, useRef } from "react";
import type { PreviewError } from "../../../../shared/protocol/index.ts";
import { previewErrorOf, withErrorReporter } from "./error-reporter.ts";

export function PreviewFrame({ html, title, onError }: { html: string; title: string; onError?(error: PreviewError): void }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const onErrorRef = useRef(onError);
  onErrorRef.current = onError;
  useEffect(() => {
    const listen = (event: MessageEvent) => {
      // Only this frame's page: other windows may post anything.
      if (!ref.current || event.source !== ref.current.contentWindow) return;
      const error = previewErrorOf(event.data);
      if (error) onErrorRef.current?.(error);
    };
    window.addEventListener("message", listen);
    return () => window.removeEventListener("message", listen);
  }, []);
  const page = useMemo(() => withErrorReporter(html), [html]);
  return <iframe ref={ref} className="preview-frame" title={title} sandbox="allow-scripts allow-forms allow-modals" srcDoc={page} />;
}
