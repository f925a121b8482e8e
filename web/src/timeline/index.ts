/**
 * @module The live timeline as a pure reducer over `agent_jobs` rows, `job_events`
 * and the running stage's broadcast text, plus the selectors that turn it into
 * stages, log lines and questions. Replays and live deliveries may overlap or
 * arrive out of order: events are kept once per `(job, seq)`, job rows by `updated_at`.
 */
import type { ClarificationQuestion, JobKind, JobStatusType } from "../../../shared/protocol/index.ts";

/** The `agent_jobs` columns the timeline reads. */
export interface JobRow {
  id: string;
  project_id: string;
  agent_type: JobKind | string;
  status: JobStatusType;
  progress: number;
  stage: string | null;
  completed_stages: string[];
  result: unknown;
  error: string | null;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  updated_at: string;
  /** While `awaiting_review`: which review (docs/architecture.md#review-gates-history-and-refactoring). */
  review_kind?: "design" | "feature" | null;
}

/** The columns of `agent_jobs` to select for a `JobRow`. */
export const JOB_ROW_COLUMNS =
  "id, project_id, agent_type, status, progress, stage, completed_stages, result, error, created_at, started_at, completed_at, updated_at, review_kind";

/** A `job_events` row. */
export interface JobEventRow {
  id: number;
  job_id: string;
  seq: number;
  kind: "log" | "event";
  level: "debug" | "info" | "warn" | "error" | "tool" | null;
  type: string | null;
  message: string | null;
  data: Record<string, unknown>;
  created_at: string;
}

export const JOB_EVENT_COLUMNS = "id, job_id, seq, kind, level, type, message, data, created_at";

export interface TimelineState {
  jobs: Record<string, JobRow>;
  /** Per job, sorted by seq, one per seq. */
  events: Record<string, JobEventRow[]>;
  /** Per job and stage, the text the worker broadcast while the stage ran. */
  text: Record<string, Record<string, string>>;
}

export type TimelineAction =
  | { type: "jobs"; rows: JobRow[] }
  | { type: "job_deleted"; id: string }
  | { type: "events"; rows: JobEventRow[] }
  | { type: "text"; jobId: string; stage: string; text: string };

export const emptyTimeline: TimelineState = { jobs: {}, events: {}, text: {} };

/** How much broadcast text to keep per stage: the tail is what a user reads. */
export const MAX_STAGE_TEXT = 8000;

/** A newer (or equally new) row replaces the one held; an older one is a late delivery and is dropped. */
function mergeJobs(jobs: Record<string, JobRow>, rows: JobRow[]): Record<string, JobRow> {
  let next = jobs;
  for (const row of rows) {
    const held = next[row.id];
    if (held && Date.parse(held.updated_at) > Date.parse(row.updated_at)) continue;
    if (next === jobs) next = { ...jobs };
    next[row.id] = row;
  }
  return next;
}

/** Inserts events by seq, once each; unchanged state when nothing is new. */
function mergeEvents(events: Record<string, JobEventRow[]>, rows: JobEventRow[]): Record<string, JobEventRow[]> {
  let next = events;
  const byJob = new Map<string, JobEventRow[]>();
  for (const row of rows) byJob.set(row.job_id, [...(byJob.get(row.job_id) ?? []), row]);
  for (const [jobId, incoming] of byJob) {
    const held = next[jobId] ?? [];
    const seen = new Set(held.map((event) => event.seq));
    const fresh = incoming.filter((event) => !seen.has(event.seq) && seen.add(event.seq));
    if (!fresh.length) continue;
    if (next === events) next = { ...events };
    next[jobId] = [...held, ...fresh].sort((a, b) => a.seq - b.seq);
  }
  return next;
}

export function timelineReducer(state: TimelineState, action: TimelineAction): TimelineState {
  switch (action.type) {
    case "jobs": {
      const jobs = mergeJobs(state.jobs, action.rows);
      return jobs === state.jobs ? state : { ...state, jobs };
    }
    case "job_deleted": {
      if (!state.jobs[action.id]) return state;
      const { [action.id]: _job, ...jobs } = state.jobs;
      const { [action.id]: _events, ...events } = state.events;
      const { [action.id]: _text, ...text } = state.text;
      return { jobs, events, text };
    }
    case "events": {
      const events = mergeEvents(state.events, action.rows);
      return events === state.events ? state : { ...state, events };
    }
    case "text": {
      if (!action.text) return state;
      const stages = state.text[action.jobId] ?? {};
      const joined = (stages[action.stage] ?? "") + action.text;
      const text = joined.length > MAX_STAGE_TEXT ? joined.slice(-MAX_STAGE_TEXT) : joined;
      return { ...state, text: { ...state.text, [action.jobId]: { ...stages, [action.stage]: text } } };
    }
  }
}

/**
 * The seq to replay after: the highest seq with every earlier one held. A gap
 * (a live event arrived while older ones were missed) is refilled by the replay.
 */
export function replayCursor(state: TimelineState, jobId: string): number {
  let cursor = 0;
  for (const event of state.events[jobId] ?? []) {
    if (event.seq !== cursor + 1) break;
    cursor = event.seq;
  }
  return cursor;
}

/** The jobs of a project, newest first. */
export function jobsNewestFirst(state: TimelineState, projectId?: string): JobRow[] {
  return Object.values(state.jobs)
    .filter((job) => !projectId || job.project_id === projectId)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
}

export const PIPELINE_STAGES = ["research", "wireframe", "code", "qa"] as const;
const STAGE_ORDER = [...PIPELINE_STAGES, "pedagogy", "roadmap"];

export type StageState = "pending" | "running" | "waiting" | "paused" | "review" | "done" | "failed" | "cancelled";

export interface StageView {
  name: string;
  state: StageState;
  startedAt: string | null;
  completedAt: string | null;
  /** Finished stages: start to finish; the running stage: start to `now`. */
  durationMs: number | null;
  /** Job progress when the stage finished (the plans weigh stages). */
  progress: number | null;
}

export interface LogLine {
  seq: number;
  at: string;
  tone: "info" | "success" | "warn" | "error" | "muted";
  text: string;
  /** Log lines: their level (info, warn, error, tool, debug). */
  level: JobEventRow["level"];
  /** Events: their type (stage_started, file_created, review_requested, …). */
  type: string | null;
}

export interface JobTimeline {
  job: JobRow;
  stages: StageView[];
  log: LogLine[];
  /** The job's events as stored, by seq (the fix attempts read their data). */
  events: JobEventRow[];
  /** The questions to answer while the job waits for input. */
  questions: ClarificationQuestion[];
  /** The running stage and its broadcast text. */
  live: { stage: string; text: string } | null;
  isActive: boolean;
}

export const TERMINAL: readonly JobStatusType[] = ["completed", "failed", "cancelled"];
export const isTerminal = (status: JobStatusType) => TERMINAL.includes(status);

const stageLabel = (stage: unknown) => {
  const name = String(stage ?? "stage").replace(/_/g, " ");
  return name === "qa" ? "QA" : name.charAt(0).toUpperCase() + name.slice(1);
};

const STOPS: Record<string, string> = { limit: "the fix limit is reached", no_change: "the fix changed nothing", repeat: "the fix repeated an earlier version" };

/** A sandbox step (command_run): the run of attempt N, its build, tests and each route. */
function describeCommand(data: Record<string, unknown>): { tone: LogLine["tone"]; text: string } {
  const status = String(data.status ?? "");
  const tone = status === "failed" || status === "error" || status === "limit" ? "error" : status === "passed" ? "success" : "muted";
  const what = data.command === "sandbox" ? `Sandbox attempt ${String(data.attempt ?? "")}` : data.command === "route" ? `Route ${String(data.route ?? data.path ?? "")}` : `Sandbox ${String(data.command ?? "step")}`;
  const why = data.reason ?? data.problem;
  return { tone, text: `${what}: ${status}${why ? ` (${String(why)})` : ""}` };
}

/** " (added /vans, removed /recipes)": the pages a fidelity fix added and removed, from its files. */
function fidelityChange(data: Record<string, unknown>): string {
  const pages = (key: string) => (Array.isArray(data[key]) ? (data[key] as unknown[]).map(String).filter((path) => /^src\/pages\/[^/]+Page\.tsx$/.test(path)) : []);
  const name = (path: string) => path.replace(/^src\/pages\/|Page\.tsx$/g, "");
  const parts = [...pages("added").map((p) => `added ${name(p)}`), ...pages("removed").map((p) => `removed ${name(p)}`)];
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** One event in words. */
export function describeEvent(event: JobEventRow): LogLine {
  const base = { seq: event.seq, at: event.created_at, level: event.kind === "log" ? event.level : null, type: event.kind === "event" ? event.type : null };
  if (event.kind === "log") {
    const tone = event.level === "error" ? "error" : event.level === "warn" ? "warn" : event.level === "debug" ? "muted" : "info";
    return { ...base, tone, text: event.message ?? "" };
  }
  const data = event.data ?? {};
  switch (event.type) {
    case "job_queued":
      return { ...base, tone: "muted", text: "Queued" };
    case "stage_started":
      return { ...base, tone: "info", text: `${stageLabel(data.stage)} started${Number(data.attempt) > 0 ? ` (attempt ${Number(data.attempt) + 1})` : ""}` };
    case "stage_completed":
      return { ...base, tone: "success", text: `${stageLabel(data.stage)} finished` };
    case "file_created":
      return { ...base, tone: "muted", text: `Wrote ${String(data.path)}${data.total ? ` (${String(data.index)}/${String(data.total)})` : ""}` };
    case "clarification_requested":
      return { ...base, tone: "warn", text: `Waiting for your answers (${String(data.questions ?? "some")} questions)` };
    case "clarification_answered":
      return { ...base, tone: "info", text: "Answers received; resuming" };
    case "pattern_stored":
      return { ...base, tone: "muted", text: "Architecture saved as a pattern for future projects" };
    case "pattern_taken":
      return { ...base, tone: "muted", text: `Building on the pattern “${String(data.name)}”: ${String(data.reason ?? "")}` };
    case "pattern_rejected":
      return { ...base, tone: "muted", text: `Left out the pattern “${String(data.name)}”: ${String(data.reason ?? "")}` };
    case "pattern_not_stored":
      return { ...base, tone: "muted", text: `Not saved as a pattern: ${String(data.reason ?? "")}` };
    case "pattern_score_lowered":
      return { ...base, tone: "warn", text: `Lowered the score of the pattern “${String(data.name)}”: ${String(data.reason ?? "")}` };
    case "fidelity_revised":
      return { ...base, tone: "warn", text: `Fix pass ${String(data.pass)}: made the app match its requirements${fidelityChange(data)}` };
    case "job_completed":
      return { ...base, tone: "success", text: "Job completed" };
    case "command_run":
      return { ...base, ...describeCommand(data) };
    case "fix_retry_requested":
      return { ...base, tone: "info", text: `Fixing again: up to attempt ${String(data.max_fix_attempts)}` };
    case "fix_stopped":
      return { ...base, tone: "warn", text: `Fixing stopped after attempt ${String(data.pass)}: ${STOPS[String(data.reason)] ?? String(data.reason)}` };
    case "job_failed":
      return { ...base, tone: "error", text: `Job failed${data.error ? `: ${String(data.error)}` : ""}` };
    case "job_cancelled":
      return { ...base, tone: "warn", text: "Job cancelled" };
    case "job_waiting_for_input":
      return { ...base, tone: "warn", text: "Paused for your input" };
    case "review_requested":
      return { ...base, tone: "warn", text: `Waiting for your ${data.kind === "feature" ? "feature" : "design"} review of ${stageLabel(data.stage)}` };
    case "review_approved":
      return { ...base, tone: "success", text: `${stageLabel(data.stage)} approved; continuing` };
    case "changes_requested":
      return { ...base, tone: "info", text: `Changes requested to ${stageLabel(data.stage)}: “${String(data.comment ?? "")}”; running it again` };
    case "job_paused":
      return { ...base, tone: "warn", text: data.stage ? `Paused: ${stageLabel(data.stage)} finishes, then the job waits` : "Paused" };
    case "job_resumed":
      return { ...base, tone: "info", text: "Resumed" };
    case "file_updated":
      return { ...base, tone: "muted", text: `Updated ${String(data.path)}${data.to_version ? ` (v${String(data.to_version)})` : data.total ? ` (${String(data.index)}/${String(data.total)})` : ""}` };
    case "refactor_applied":
      return { ...base, tone: "success", text: `Refactor applied to ${String(data.files)} file(s); saved as version ${String(data.manifest_version)}` };
    default:
      return { ...base, tone: "muted", text: (event.type ?? "event").replace(/_/g, " ") };
  }
}

/** The stages a job runs: the pipeline's four, or those its events and row name, in pipeline order. */
function stageNames(job: JobRow, events: JobEventRow[]): string[] {
  const names = new Set<string>(job.agent_type === "pipeline" ? PIPELINE_STAGES : []);
  for (const event of events) if (event.type?.startsWith("stage_") && typeof event.data?.stage === "string") names.add(event.data.stage);
  for (const stage of job.completed_stages ?? []) names.add(stage);
  if (job.stage) names.add(job.stage);
  if (job.agent_type !== "pipeline" && STAGE_ORDER.includes(job.agent_type)) names.add(job.agent_type);
  const rank = (name: string) => (STAGE_ORDER.includes(name) ? STAGE_ORDER.indexOf(name) : STAGE_ORDER.length);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

function questionsOf(job: JobRow): ClarificationQuestion[] {
  if (job.status !== "waiting_for_input") return [];
  const questions = (job.result as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(questions)) return [];
  return questions
    .filter((q): q is { id: string; question: string; options?: unknown } => typeof q?.id === "string" && typeof q?.question === "string")
    .map((q) => ({ id: q.id, question: q.question, options: Array.isArray(q.options) && q.options.length ? q.options.map(String) : null }));
}

/**
 * The view of one job: each stage with its state and duration, the log in
 * words, the questions it waits on, and the running stage's text.
 */
export function jobTimeline(state: TimelineState, jobId: string, now: number = Date.now()): JobTimeline | null {
  const job = state.jobs[jobId];
  if (!job) return null;
  const events = state.events[jobId] ?? [];
  const started = new Map<string, JobEventRow>();
  const completed = new Map<string, JobEventRow>();
  for (const event of events) {
    const stage = event.data?.stage;
    if (typeof stage !== "string") continue;
    if (event.type === "stage_started") {
      started.set(stage, event);
      completed.delete(stage); // a stage rerun after review is running again
    }
    if (event.type === "stage_completed") completed.set(stage, event);
  }
  const done = new Set([...(job.completed_stages ?? []), ...completed.keys()]);
  const stages = stageNames(job, events).map((name): StageView => {
    const start = started.get(name);
    const end = completed.get(name);
    let stageState: StageState = "pending";
    const underReview = job.status === "awaiting_review" && job.completed_stages?.at(-1) === name;
    if (underReview) stageState = "review";
    else if (done.has(name)) stageState = "done";
    else if (start || job.stage === name) {
      stageState =
        job.status === "failed" ? "failed"
        : job.status === "cancelled" ? "cancelled"
        : job.status === "waiting_for_input" ? "waiting"
        : job.status === "paused" && job.stage !== name ? "paused"
        : job.status === "completed" ? "done"
        : job.status === "queued" && job.stage !== name ? "pending"
        : "running";
    } else if (job.status === "cancelled" || job.status === "failed") stageState = "pending";
    const startedAt = start?.created_at ?? null;
    const completedAt = end?.created_at ?? null;
    const until = completedAt ? Date.parse(completedAt) : stageState === "running" ? now : null;
    const durationMs = startedAt && until !== null ? Math.max(0, until - Date.parse(startedAt)) : null;
    const progress = typeof end?.data?.progress === "number" ? end.data.progress : null;
    return { name, state: stageState, startedAt, completedAt, durationMs, progress };
  });
  const running = stages.find((stage) => stage.state === "running");
  const text = state.text[jobId] ?? {};
  const liveStage = running?.name ?? job.stage;
  return {
    job,
    stages,
    log: events.map(describeEvent),
    events,
    questions: questionsOf(job),
    live: liveStage && text[liveStage] ? { stage: liveStage, text: text[liveStage] } : null,
    isActive: !isTerminal(job.status),
  };
}
