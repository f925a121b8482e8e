/** @module Preview: bundles the project (the `preview` function) and shows the running app in a sandboxed iframe, with its shareable link; what the app throws shows with "Fix this". */
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import type { PreviewError } from "../../../shared/protocol/index.ts";
import { ErrorMessage } from "../components/error-message/index.tsx";
import { PreviewFrame } from "../components/preview-frame/index.tsx";
import { Skeleton } from "../components/skeleton/index.tsx";
import { fixPreviewError, previewUrl, readPreview, startPreview, type PreviewSession } from "../data/previews.ts";
import type { AppError } from "../lib/errors.ts";
import { formatDateTime } from "../lib/format.ts";
import { routes } from "../paths.ts";
import { useProjectContext } from "./project.tsx";

export function Component() {
  const { project } = useProjectContext();
  const [session, setSession] = useState<PreviewSession | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<AppError | null>(null);
  const [starting, setStarting] = useState(false);
  const [thrown, setThrown] = useState<PreviewError[]>([]);
  const onError = useCallback((error: PreviewError) => setThrown((held) => (held.some((e) => e.message === error.message) ? held : [...held, error].slice(-5))), []);

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
    setThrown([]);
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
      {thrown.map((error) => (
        <ThrownError key={error.message} projectId={project.id} error={error} />
      ))}
      {html ? <PreviewFrame html={html} title={`Preview of ${project.title}`} onError={onError} /> : null}
    </div>
  );
}

/** An error the running app threw, with "Fix this": the code agent gets it as a change request. */
function ThrownError({ projectId, error }: { projectId: string; error: PreviewError }) {
  const [sent, setSent] = useState<{ busy: boolean; jobId?: string; message?: string }>({ busy: false });
  const fix = async () => {
    setSent({ busy: true });
    const { data, error: failure } = await fixPreviewError(projectId, error);
    setSent(failure ? { busy: false, message: failure.message } : { busy: false, jobId: data.job_id });
  };
  const what = error.kind === "render" ? "The app failed to render" : error.kind === "rejection" ? "The app had an unhandled rejection" : "The app threw an error";
  return (
    <div className="alert alert-error stack" role="alert">
      <strong>{what}: {error.message}</strong>
      {error.stack ? (
        <details>
          <summary>Stack</summary>
          <pre className="small mono" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0 }}>{error.stack}</pre>
        </details>
      ) : null}
      <div className="row">
        {sent.jobId ? (
          <span role="status">
            Sent to the code agent. <Link to={routes.project(projectId, sent.jobId)}>Follow the fix</Link>
          </span>
        ) : (
          <button type="button" className="button button-primary" onClick={() => void fix()} disabled={sent.busy}>
            {sent.busy ? "Sending…" : "Fix this"}
          </button>
        )}
        {sent.message ? <span>{sent.message}</span> : null}
      </div>
    </div>
  );
}
