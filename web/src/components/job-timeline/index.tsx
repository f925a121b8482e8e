/** @module The live timeline of one job: its stages with state and duration, the running stage's text, and the log. */
import { useEffect, useMemo, useRef, useState } from "react";
import { formatDuration } from "../../lib/format.ts";
import type { LogLine, JobTimeline as Timeline, StageView } from "../../timeline/index.ts";
import "./styles.css";

const STAGE_WORDS: Record<string, string> = { research: "Research", wireframe: "Wireframe", code: "Code", qa: "QA", pedagogy: "Pedagogy", roadmap: "Roadmap" };
const STATE_WORDS: Record<StageView["state"], string> = { pending: "Not started", running: "Running", waiting: "Needs your answers", paused: "Paused", review: "Awaiting your review", done: "Done", failed: "Failed", cancelled: "Cancelled" };
const ICON: Record<StageView["state"], string> = { pending: "○", running: "◐", waiting: "?", paused: "Ⅱ", review: "!", done: "✓", failed: "✕", cancelled: "–" };

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

/** The activity filter: everything, log lines of one level, or events of one type. */
type Filter = { kind: "all" } | { kind: "level"; value: string } | { kind: "type"; value: string };
const matches = (line: LogLine, filter: Filter) =>
  filter.kind === "all" || (filter.kind === "level" ? line.level === filter.value : line.type === filter.value);

function ActivityFilter({ log, filter, onChange }: { log: LogLine[]; filter: Filter; onChange(filter: Filter): void }) {
  const levels = [...new Set(log.map((l) => l.level).filter((l): l is NonNullable<LogLine["level"]> => !!l))].sort();
  const types = [...new Set(log.map((l) => l.type).filter((t): t is string => !!t))].sort();
  const value = filter.kind === "all" ? "all" : `${filter.kind}:${filter.value}`;
  return (
    <div className="field timeline-filter">
      <label htmlFor="activity-filter" className="small muted">Show</label>
      <select id="activity-filter" value={value} onChange={(e) => {
        const [kind, ...rest] = e.target.value.split(":");
        onChange(kind === "level" || kind === "type" ? { kind, value: rest.join(":") } : { kind: "all" });
      }}>
        <option value="all">Everything</option>
        <optgroup label="Log lines by level">
          {levels.map((level) => <option key={level} value={`level:${level}`}>{level}</option>)}
        </optgroup>
        <optgroup label="Events by type">
          {types.map((type) => <option key={type} value={`type:${type}`}>{type.replace(/_/g, " ")}</option>)}
        </optgroup>
      </select>
    </div>
  );
}

export function JobTimeline({ timeline }: { timeline: Timeline }) {
  const { job, stages, live } = timeline;
  const [filter, setFilter] = useState<Filter>({ kind: "all" });
  const log = useMemo(() => timeline.log.filter((line) => matches(line, filter)), [timeline.log, filter]);
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
        <div className="row" style={{ justifyContent: "space-between" }}>
          <h3 className="small muted" style={{ margin: 0 }}>Activity</h3>
          <ActivityFilter log={timeline.log} filter={filter} onChange={setFilter} />
        </div>
        {log.length ? (
          <ol ref={logFollow.ref} onScroll={logFollow.onScroll} className="timeline-log" aria-label="Activity log" aria-live="polite" aria-relevant="additions" tabIndex={0}>
            {log.map((line) => (
              <li key={line.seq} data-tone={line.tone} data-level={line.level ?? undefined} data-type={line.type ?? undefined}>
                <time dateTime={line.at} className="muted">{new Date(line.at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" })}</time>
                <span>{line.text}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="small muted">{timeline.log.length ? "Nothing of this kind yet." : "Nothing yet: the job is queued and starts in a moment."}</p>
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
