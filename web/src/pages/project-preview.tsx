/** @module Preview: bundles the project (the `preview` function) and shows the running app in a sandboxed iframe, with its shareable link. */
import { useEffect, useState } from "react";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { PreviewFrame } from "../components/preview-frame/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { previewUrl, readPreview, startPreview, type PreviewSession } from "../data/previews.ts";
import type { AppError } from "../lib/errors.ts";
import { formatDateTime } from "../lib/format.ts";
import { useProjectContext } from "./project.tsx";

export function Component() {
  const { project } = useProjectContext();
  const [session, setSession] = useState<PreviewSession | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);

  // While the bundle is PENDING, ask again every second.
  useEffect(() => {
    if (!session || html) return;
    let stopped = false;
    const poll = async () => {
      const answer = await readPreview(session.preview_token);
      if (stopped) return;
      if (answer.state === "ready") setHtml(answer.html);
      else if (answer.state === "error") setProblem(answer.error);
      else setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [session, html]);

  const start = async () => {
    setStarting(true);
    setProblem(null);
    setHtml(null);
    const { data, error } = await startPreview(project.id);
    setStarting(false);
    setProblem(error);
    setSession(data);
  };

  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <p className="muted" style={{ margin: 0 }}>
          Bundles the project's files with esbuild and runs the app here, sandboxed. Anyone with the link can open it until it expires.
        </p>
        <button type="button" className="button button-primary" onClick={() => void start()} disabled={starting || (session !== null && !html && !problem)}>
          {session ? "Rebuild preview" : "Preview"}
        </button>
      </div>
      <ErrorMessage error={problem} onRetry={() => void start()} />
      {session ? (
        <p className="small" style={{ margin: 0, overflowWrap: "anywhere" }}>
          Link: <a href={previewUrl(session.preview_token)} target="_blank" rel="noreferrer">{previewUrl(session.preview_token)}</a> · expires {formatDateTime(session.expires_at)}
        </p>
      ) : null}
      {session && !html && !problem ? <Skeleton lines={6} label="Bundling the app…" /> : null}
      {html ? <PreviewFrame html={html} title={`Preview of ${project.title}`} /> : null}
    </div>
  );
}
