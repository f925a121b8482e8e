/**
 * @module The live timeline of a project's jobs: `agent_jobs` followed by
 * project, the selected job's `job_events` and its `token` broadcasts on
 * `job:{id}`; the page reads at once and every (re)join replays the events after the last seq held.
 */
import { useEffect, useMemo, useReducer, useRef, useState } from "react";
import { followJobStream } from "../data/job-stream.ts";
import { fetchJob, fetchJobEvents, fetchRecentJobs } from "../data/jobs.ts";
import { toAppError, type AppError } from "../lib/errors.ts";
import { subscribeChannel, type LiveStatus } from "../lib/realtime.ts";
import {
  emptyTimeline,
  isTerminal,
  jobsNewestFirst,
  jobTimeline,
  replayCursor,
  timelineReducer,
  type JobEventRow,
  type JobRow,
  type JobTimeline,
} from "../timeline/index.ts";
import { useOnline } from "./use-online.ts";

export interface JobTimelineState {
  /** The selected job (or the newest) as stages, log lines and questions. */
  timeline: JobTimeline | null;
  jobs: JobRow[];
  loading: boolean;
  error: AppError | null;
  /** The worse of the two channels' states, or `offline` when the browser is. */
  connection: LiveStatus | "offline";
  /** Whether the shown job is followed over the SSE stream while the socket is down. */
  viaStream: boolean;
  retry(): void;
  /** Reads a job just started, without waiting for its Realtime insert. */
  track(jobId: string): void;
}

const worst = (a: LiveStatus, b: LiveStatus): LiveStatus => (a === "reconnecting" || b === "reconnecting" ? "reconnecting" : a === "connecting" || b === "connecting" ? "connecting" : "live");

/**
 * @param jobId the job to show; null shows the project's newest job.
 * @example const { timeline, connection } = useJobTimeline(project.id, searchParams.get("job"))
 */
export function useJobTimeline(projectId: string, jobId: string | null): JobTimelineState {
  const [state, dispatch] = useReducer(timelineReducer, emptyTimeline);
  const stateRef = useRef(state);
  stateRef.current = state;
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [jobsLive, setJobsLive] = useState<LiveStatus>("connecting");
  const [eventsLive, setEventsLive] = useState<LiveStatus>("live");
  const online = useOnline();

  useEffect(() => {
    const refresh = () =>
      fetchRecentJobs(projectId).then(
        (rows) => {
          dispatch({ type: "jobs", rows });
          setLoaded(true);
          setError(null);
        },
        (reason: unknown) => setError(toAppError(reason)),
      );
    // Read at once, not only on join: with the socket down the page still shows what there is.
    void refresh();
    return subscribeChannel(
      "jobs:{unique}",
      (channel) =>
        channel.on("postgres_changes", { event: "*", schema: "public", table: "agent_jobs", filter: `project_id=eq.${projectId}` }, (payload) => {
          if (payload.eventType === "DELETE") dispatch({ type: "job_deleted", id: (payload.old as { id: string }).id });
          // Studio orders have their own page; the timeline follows the builder's jobs.
          else if ((payload.new as JobRow).agent_type !== "studio") dispatch({ type: "jobs", rows: [payload.new as JobRow] });
        }),
      setJobsLive,
      refresh,
    );
  }, [projectId, attempt]);

  const jobs = useMemo(() => jobsNewestFirst(state, projectId), [state.jobs, projectId]);
  const shownId = jobId ?? jobs[0]?.id ?? null;

  // A job opened from the history may be older than the recent ones loaded.
  useEffect(() => {
    if (!jobId || stateRef.current.jobs[jobId]) return;
    fetchJob(jobId).then((row) => row && row.project_id === projectId && dispatch({ type: "jobs", rows: [row] }), (reason: unknown) => setError(toAppError(reason)));
  }, [jobId, projectId]);

  useEffect(() => {
    if (!shownId) return;
    const replay = () =>
      fetchJobEvents(shownId, replayCursor(stateRef.current, shownId)).then(
        (rows) => dispatch({ type: "events", rows }),
        (reason: unknown) => setError(toAppError(reason)),
      );
    void replay();
    return subscribeChannel(
      `job:${shownId}`,
      (channel) =>
        channel
          .on("postgres_changes", { event: "INSERT", schema: "public", table: "job_events", filter: `job_id=eq.${shownId}` }, (payload) =>
            dispatch({ type: "events", rows: [payload.new as JobEventRow] }),
          )
          .on("broadcast", { event: "token" }, ({ payload }) => {
            const { stage, text } = (payload ?? {}) as { stage?: unknown; text?: unknown };
            if (typeof stage === "string" && typeof text === "string") dispatch({ type: "text", jobId: shownId, stage, text });
          }),
      setEventsLive,
      replay,
      { private: true },
    );
  }, [shownId, attempt]);

  const shown = shownId ? state.jobs[shownId] : undefined;
  const active = !!shown && !isTerminal(shown.status);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);

  // The socket is down but HTTP may not be: follow the shown job over the SSE stream until it is back.
  const viaStream = online && active && (jobsLive === "reconnecting" || eventsLive === "reconnecting");
  useEffect(() => {
    if (!viaStream || !shownId) return;
    const controller = new AbortController();
    const replay = () => fetchJobEvents(shownId, replayCursor(stateRef.current, shownId)).then((rows) => dispatch({ type: "events", rows }), () => undefined);
    // A row read as ended ends this effect (and the stream) before the stream's last events arrive,
    // and a cancel writes its event after the status: read the events once more after it.
    const refresh = () =>
      fetchJob(shownId).then((row) => {
        if (row) dispatch({ type: "jobs", rows: [row] });
        return row && isTerminal(row.status) ? replay() : undefined;
      }, () => undefined);
    void followJobStream(
      shownId,
      () => replayCursor(stateRef.current, shownId),
      { onEvents: (rows) => dispatch({ type: "events", rows }), onChange: () => void refresh() },
      controller.signal,
    );
    return () => controller.abort();
  }, [viaStream, shownId]);

  const timeline = shownId ? jobTimeline(state, shownId, now) : null;
  return {
    timeline,
    jobs,
    loading: !loaded && !error,
    error,
    connection: online ? worst(jobsLive, eventsLive) : "offline",
    viaStream,
    retry: () => {
      setError(null);
      setAttempt((n) => n + 1);
    },
    track: (id) => void fetchJob(id).then((row) => row && dispatch({ type: "jobs", rows: [row] }), () => undefined),
  };
}
