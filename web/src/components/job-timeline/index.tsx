/** @module The live timeline of one job: its stages with state and duration, the running stage's text, and the log. */
import { useEffect, useRef } from "react";
import { formatDuration } from "../../lib/format.ts";
import type { JobTimeline as Timeline, StageView } from "../../timeline/index.ts";
import "./styles.css";

const STAGE_WORDS: Record<string, string> = { research: "Research", wireframe: "Wireframe", code: "Code", qa: "QA", pedagogy: "Pedagogy", roadmap: "Roadmap" };
const STATE_WORDS: Record<StageView["state"], string> = { pending: "Not started", running: "Running", waiting: "Needs your answers", done: "Done", failed: "Failed", cancelled: "Cancelled" };
const ICON: Record<StageView["state"], string> = { pending: "○", running: "◐", waiting: "?", done: "✓", failed: "✕", cancelled: "–" };

/** Keeps a scrolling box at its newest line, unless the reader scrolled up to read. */
function useFollow<E extends HTMLElement>(content: unknown) {
  const ref = useRef<E>(null);
  const following = useRef(true);
  useEffect(() => {
    if (ref.current && following.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [content]);
  const onScroll = () => {
    const element = ref.current;
    if (element) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
  };
  return { ref, onScroll };
}

export function JobTimeline({ timeline }: { timeline: Timeline }) {
  const { job, stages, log, live } = timeline;
  const logFollow = useFollow<HTMLOListElement>(log.length);
  const liveFollow = useFollow<HTMLPreElement>(live?.text);
  return (
    <div className="timeline">
      <div className="timeline-progress">
        <progress max={100} value={job.progress} aria-label="Job progress" />
        <span className="small muted">{Math.round(job.progress)}%</span>
      </div>
      <ol className="timeline-stages" aria-label="Stages">
        {stages.map((stage) => (
          <li key={stage.name} className="timeline-stage" data-state={stage.state} data-stage={stage.name}>
            <span className="timeline-icon" aria-hidden="true">
              {ICON[stage.state]}
            </span>
            <span className="timeline-stage-name">{STAGE_WORDS[stage.name] ?? stage.name}</span>
            <span className="timeline-stage-state">{STATE_WORDS[stage.state]}</span>
            <span className="timeline-stage-time small muted">{stage.durationMs !== null ? formatDuration(stage.durationMs) : ""}</span>
          </li>
        ))}
      </ol>
      {live && timeline.isActive ? (
        <section aria-label={`${STAGE_WORDS[live.stage] ?? live.stage} output as it is written`}>
          <h3 className="small muted">Writing {STAGE_WORDS[live.stage] ?? live.stage}…</h3>
          <pre ref={liveFollow.ref} onScroll={liveFollow.onScroll} className="timeline-live" tabIndex={0} aria-label="Output so far">{live.text}</pre>
        </section>
      ) : null}
      <section aria-label="Activity log">
        <h3 className="small muted">Activity</h3>
        {log.length ? (
          <ol ref={logFollow.ref} onScroll={logFollow.onScroll} className="timeline-log" aria-label="Activity log" aria-live="polite" aria-relevant="additions" tabIndex={0}>
            {log.map((line) => (
              <li key={line.seq} data-seq={line.seq} data-tone={line.tone}>
                <time dateTime={line.at} className="muted">{new Date(line.at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" })}</time>
                <span>{line.text}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="small muted">Nothing yet: the job is queued and starts in a moment.</p>
        )}
      </section>
      {job.status === "failed" && job.error ? (
        <div className="alert alert-error" role="alert">
          <strong>The job failed.</strong> {job.error}
        </div>
      ) : null}
    </div>
  );
}
