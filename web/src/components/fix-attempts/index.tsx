/**
 * @module The fix loop in the Build timeline: each sandbox attempt with its tests (passed or
 * failed, with the failure's message), its routes as screenshot thumbnails that open full size,
 * and what the fix after it changed, linked to the diff in Versions. Reloads as the job's events arrive.
 */
import { useRef, useState } from "react";
import { Link } from "react-router-dom";
import { fetchAttempts, screenshotUrls } from "../../data/fix-attempts.ts";
import { useModalDialog } from "../../hooks/use-modal-dialog.ts";
import { useResource } from "../../hooks/use-resource.ts";
import { routes } from "../../paths.ts";
import { attemptsKey, attemptsOf, type AttemptView } from "../../timeline/attempts.ts";
import type { JobEventRow } from "../../timeline/index.ts";
import { ErrorMessage } from "../error-message/index.tsx";
import "./styles.css";

const STATUS_WORDS: Record<AttemptView["status"], string> = { queued: "waiting for a runner", running: "running", passed: "passed", failed: "problems found", limit: "hit the time or memory limit", error: "did not run" };
const STOP_WORDS: Record<string, string> = { limit: "the fix limit was reached", no_change: "the fix changed nothing", repeat: "the fix repeated an earlier version" };

export function FixAttempts({ projectId, jobId, events }: { projectId: string; jobId: string; events: JobEventRow[] }) {
  const key = attemptsKey(events);
  const loaded = useResource(`${jobId}:${key}`, async () => {
    const { runs, versions } = await fetchAttempts(jobId);
    const attempts = attemptsOf(runs, versions, events);
    const urls = await screenshotUrls(attempts.flatMap((a) => a.routes.flatMap((r) => (r.screenshot ? [r.screenshot] : []))));
    return { attempts, urls };
  });
  // Keep the last attempts on screen while the next load runs.
  const held = useRef(loaded.data);
  if (loaded.data) held.current = loaded.data;
  const data = loaded.data ?? held.current;
  const [open, setOpen] = useState<{ url: string; label: string } | null>(null);

  if (loaded.error && !data) return <ErrorMessage error={loaded.error} onRetry={loaded.reload} title="The sandbox attempts could not be loaded." />;
  if (!data?.attempts.length) return null;
  return (
    <section className="fix-attempts stack" aria-labelledby="attempts-title">
      <h3 id="attempts-title">Tests and fixes</h3>
      <ol className="fix-attempts-list">
        {data.attempts.map((attempt) => (
          <li key={attempt.attempt} className="fix-attempt" data-attempt={attempt.attempt} data-status={attempt.status}>
            <Attempt attempt={attempt} projectId={projectId} urls={data.urls} onOpen={setOpen} />
          </li>
        ))}
      </ol>
      <Screenshot shown={open} onClose={() => setOpen(null)} />
    </section>
  );
}

function Attempt({ attempt, projectId, urls, onOpen }: { attempt: AttemptView; projectId: string; urls: Record<string, string>; onOpen(shot: { url: string; label: string }): void }) {
  const passed = attempt.tests.filter((t) => t.status === "passed").length;
  const failed = attempt.tests.filter((t) => t.status === "failed").length;
  const rendered = attempt.routes.filter((r) => r.ok).length;
  return (
    <article aria-label={`Attempt ${attempt.attempt}`} className="stack">
      <header className="row">
        <strong>Attempt {attempt.attempt}</strong>
        <span className={`badge ${attempt.status === "passed" ? "badge-success" : ["failed", "limit", "error"].includes(attempt.status) ? "badge-danger" : "badge-accent"}`}>{STATUS_WORDS[attempt.status]}</span>
        {attempt.tests.length ? <span className="small muted">{passed} passed · {failed} failed</span> : null}
        {attempt.routes.length ? <span className="small muted">{rendered} of {attempt.routes.length} routes render</span> : null}
      </header>
      {attempt.reason && attempt.status !== "passed" ? <p className="small">{attempt.reason}</p> : null}
      {attempt.tests.length ? (
        <details open={failed > 0}>
          <summary>Tests ({attempt.tests.length})</summary>
          <ul className="fix-attempt-tests" aria-label={`Tests of attempt ${attempt.attempt}`}>
            {attempt.tests.map((test, i) => (
              <li key={`${test.file}:${test.name}:${i}`} data-status={test.status}>
                <span aria-hidden="true">{test.status === "passed" ? "✓" : test.status === "failed" ? "✕" : "–"}</span>
                <span>
                  <span className="visually-hidden">{test.status}: </span>
                  {test.name} <span className="muted small mono">{test.file}{test.line ? `:${test.line}` : ""}</span>
                  {test.message && test.status === "failed" ? <span className="fix-attempt-message">{test.message}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {attempt.routes.length ? (
        <ul className="fix-attempt-shots" aria-label={`Routes of attempt ${attempt.attempt}`}>
          {attempt.routes.map((route) => {
            const url = route.screenshot ? urls[route.screenshot] : undefined;
            const label = `Screenshot of ${route.path} (attempt ${attempt.attempt})`;
            return (
              <li key={route.route} data-ok={route.ok}>
                {url ? (
                  <button type="button" className="fix-attempt-thumb" onClick={() => onOpen({ url, label })} aria-label={`Open the screenshot of ${route.path} full size`}>
                    <img src={url} alt={label} loading="lazy" />
                  </button>
                ) : null}
                <span className="small mono">{route.path}</span>
                {route.problem ? <span className="small fix-attempt-message">{route.problem}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {attempt.fix ? <Fix fix={attempt.fix} projectId={projectId} /> : null}
    </article>
  );
}

function Fix({ fix, projectId }: { fix: NonNullable<AttemptView["fix"]>; projectId: string }) {
  if (fix.stopped && !fix.files.length) return <p className="small muted">No fix after this attempt: {STOP_WORDS[fix.stopped] ?? fix.stopped}.</p>;
  return (
    <p className="small">
      Fix {fix.pass} changed {fix.files.length ? fix.files.join(", ") : "the files"}.{" "}
      {fix.version ? <Link to={routes.projectVersions(projectId, { from: fix.version - 1, to: fix.version })}>See what fix {fix.pass} changed</Link> : null}
    </p>
  );
}

/** A screenshot full size in a modal (native <dialog>: Escape closes). */
function Screenshot({ shown, onClose }: { shown: { url: string; label: string } | null; onClose(): void }) {
  const ref = useModalDialog(!!shown);
  return (
    <dialog ref={ref} className="fix-attempt-full" aria-label={shown?.label ?? "Screenshot"} onCancel={(event) => (event.preventDefault(), onClose())}>
      {shown ? <img src={shown.url} alt={shown.label} /> : null}
      <div className="row" style={{ justifyContent: "flex-end" }}>
        <button type="button" className="button" onClick={onClose} autoFocus>Close</button>
      </div>
    </dialog>
  );
}
