/**
 * @module The fix loop's attempts for the Build timeline: each sandbox run of a job with its
 * tests, its routes and their screenshots, and the fix pass that followed it (the files it
 * changed and the version it wrote), from `sandbox_runs`, `project_manifests` and `job_events`.
 */
import { screenshotFile } from "../../../shared/pipeline/sandbox-screenshots.ts";
import type { JobEventRow, JobRow } from "./index.ts";

/** A `sandbox_runs` row as the timeline reads it (the owner's, through RLS). */
export interface SandboxRunRow {
  id: string;
  attempt: number;
  status: "queued" | "running" | "passed" | "failed" | "limit" | "error";
  results: StoredResults | null;
  screenshot_paths: string[];
  created_at: string;
  finished_at: string | null;
}

export const SANDBOX_RUN_COLUMNS = "id, attempt, status, results, screenshot_paths, created_at, finished_at";

/** The parts of the runner's stored report the timeline shows. */
interface StoredResults {
  reason?: string;
  tests?: { name: string; file: string; line?: number; status: string; message?: string }[];
  routes?: { route: string; path: string; rendered: boolean; exceptions?: string[]; consoleErrors?: string[]; errorBoundary?: string }[];
}

/** A version the job's fix pass wrote (`project_manifests.source` = `reviewer_pass_N`). */
export interface FixVersion {
  version: number;
  source: string;
}

export interface AttemptTest {
  name: string;
  file: string;
  line?: number;
  status: "passed" | "failed" | "skipped";
  message?: string;
}

export interface AttemptRoute {
  route: string;
  path: string;
  ok: boolean;
  /** The first problem, in words. */
  problem?: string;
  /** The screenshot's object name in the bucket "sandbox". */
  screenshot?: string;
}

export interface AttemptView {
  attempt: number;
  status: SandboxRunRow["status"];
  reason?: string;
  tests: AttemptTest[];
  routes: AttemptRoute[];
  /** The fix pass that followed this attempt: the files it changed and the version it saved, or why the loop stopped there. */
  fix?: { pass: number; files: string[]; version?: number; stopped?: string };
}

const routeProblem = (r: NonNullable<StoredResults["routes"]>[number]): string | undefined =>
  r.exceptions?.[0] ? `threw: ${r.exceptions[0]}`
  : r.errorBoundary ? `showed an error: ${r.errorBoundary}`
  : !r.rendered ? "rendered nothing"
  : r.consoleErrors?.[0] ? `console error: ${r.consoleErrors[0]}`
  : undefined;

const testStatus = (status: string): AttemptTest["status"] => (status === "passed" || status === "failed" ? status : "skipped");

/** Each attempt, oldest first, with the fix pass after it. */
export function attemptsOf(runs: SandboxRunRow[], versions: FixVersion[], events: JobEventRow[]): AttemptView[] {
  const fixes = new Map<number, { files: string[]; stopped?: string }>();
  for (const event of events) {
    const pass = Number(event.data?.pass);
    if (!pass) continue;
    const fix = fixes.get(pass) ?? { files: [] };
    if (event.type === "file_updated" && typeof event.data.path === "string" && !fix.files.includes(event.data.path)) fix.files.push(event.data.path);
    if (event.type === "fix_stopped") fix.stopped = String(event.data.reason);
    fixes.set(pass, fix);
  }
  return [...runs].sort((a, b) => a.attempt - b.attempt).map((run) => {
    const results = run.results ?? {};
    const shots = new Set(run.screenshot_paths);
    const fix = fixes.get(run.attempt);
    const version = versions.find((v) => v.source === `reviewer_pass_${run.attempt}`)?.version;
    return {
      attempt: run.attempt,
      status: run.status,
      ...(results.reason ? { reason: results.reason } : {}),
      tests: (results.tests ?? []).map((t) => ({ name: t.name, file: t.file, ...(t.line ? { line: t.line } : {}), status: testStatus(t.status), ...(t.message ? { message: t.message } : {}) })),
      routes: (results.routes ?? []).map((r) => {
        const problem = routeProblem(r);
        const screenshot = run.screenshot_paths.find((p) => p.endsWith(`/${screenshotFile(r.route)}`) && shots.has(p));
        return { route: r.route, path: r.path, ok: !problem, ...(problem ? { problem } : {}), ...(screenshot ? { screenshot } : {}) };
      }),
      ...(fix ? { fix: { pass: run.attempt, files: fix.files, ...(version ? { version } : {}), ...(fix.stopped ? { stopped: fix.stopped } : {}) } } : {}),
    };
  });
}

/** Whether the job is a build whose fix loop stopped with problems left: the one "Try to fix again" takes. */
export function canFixAgain(job: JobRow): boolean {
  const result = job.result as { passed?: unknown; sandbox?: { stopped?: unknown } } | null;
  return job.status === "completed" && job.agent_type === "pipeline" && result?.passed === false && typeof result.sandbox?.stopped === "string";
}

/**
 * A key that changes whenever the attempts may have: a run queued, started or finished, a fix pass
 * done. The timeline's Realtime events drive it, so the attempts reload live.
 */
export function attemptsKey(events: JobEventRow[]): string {
  return String(events.filter((e) => e.type === "command_run" && e.data?.command === "sandbox" || e.type === "stage_completed" || e.type === "fix_stopped").length);
}
