/**
 * @module The sandbox runner: a process beside Supabase (`npm start` runs one locally; in
 * production a container, scaled out) that claims queued `sandbox_runs` with a lease, runs the
 * job's app in the sandbox, writes each step as a `command_run` event, the screenshots to the
 * private bucket "sandbox" and the results to the row. Talks to Supabase only over its API.
 */
import { hostname } from "node:os";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { plannedRoutes } from "../shared/agents/file-plan.ts";
import { BundlingJobStore } from "../shared/artifacts/bundle-store.ts";
import type { RefactorProposal, RequirementsDoc, WireframeSpec } from "../shared/protocol/index.ts";
import { PROPOSAL_ATTEMPT, withProposal } from "../shared/refactor/sandbox.ts";
import { screenshotPath } from "../shared/pipeline/sandbox-screenshots.ts";
import { dbError } from "../shared/errors.ts";
import { verdict } from "./checks.ts";
import { Sandbox, type AppFile, type SandboxReport } from "./index.ts";

export interface RunnerOptions {
  url: string;
  serviceRoleKey: string;
  /** This runner's name in leases and events (default host + pid + random). */
  name?: string;
  /** How long to wait when the queue is empty (default 1 s). */
  pollMs?: number;
  /** The sandbox to run apps in (default: a new one, closed on stop). */
  sandbox?: Sandbox;
  log?: (line: string) => void;
}

export interface SandboxRunner {
  name: string;
  /** Finishes the run in hand, then stops. */
  stop(): Promise<void>;
}

interface ClaimedRun {
  id: string;
  job_id: string;
  user_id: string;
  attempt: number;
}


/** The report as stored: screenshots are Storage objects, not row data. */
function stored(report: SandboxReport): Record<string, unknown> {
  return { ...report, routes: report.routes.map(({ screenshot: _png, ...route }) => route) };
}

/**
 * An RPC, tried once more on a network failure: a pooled connection the server closed while
 * this thread was busy (a type check in this thread) fails the first request on it.
 */
async function rpc(db: SupabaseClient, fn: string, args: Record<string, unknown>): Promise<{ error: { message: string } | null }> {
  const first = await db.rpc(fn, args);
  if (!first.error || !/fetch failed/.test(first.error.message)) return first;
  return db.rpc(fn, args);
}

/** The project's files, with a refactor job's proposal applied on its proposal attempt (shared/refactor/sandbox.ts). */
async function filesToRun(db: SupabaseClient, run: ClaimedRun, job: { project_id: string; agent_type: string }): Promise<AppFile[]> {
  const rows = (await db.from("project_files").select("path, content").eq("project_id", job.project_id).throwOnError()).data!;
  const files = rows.map((f) => ({ path: f.path as string, content: (f.content as string | null) ?? "" }));
  if (job.agent_type !== "refactor" || run.attempt !== PROPOSAL_ATTEMPT) return files;
  const outputs = await new BundlingJobStore(db).outputs(run.job_id);
  const proposal = (outputs.refactor as { output?: RefactorProposal } | undefined)?.output;
  return proposal ? withProposal(files, proposal) : files;
}

/** Runs one claimed run to its end; a runner error finishes it as `error` with the reason. */
async function execute(db: SupabaseClient, sandbox: Sandbox, name: string, run: ClaimedRun, log: (line: string) => void): Promise<string> {
  const job = (await db.from("agent_jobs").select("project_id, agent_type").eq("id", run.job_id).single().throwOnError()).data!;
  const project = (await db.from("projects").select("requirements_spec, architecture_spec").eq("id", job.project_id).single().throwOnError()).data!;
  const wireframe = project.architecture_spec as WireframeSpec | null;
  const requirements = project.requirements_spec as RequirementsDoc | null;
  const report = await sandbox.run(await filesToRun(db, run, job), {
    ...(wireframe?.site_map ? { routes: plannedRoutes(wireframe).map((r) => r.path) } : {}),
    onStep: async (step) => {
      const { error } = await rpc(db, "record_sandbox_step", { p_run_id: run.id, p_worker: name, p_command: step.command, p_status: step.status, p_data: step.data });
      if (error) log(`[sandbox] run ${run.id}: the ${step.command} event was not recorded: ${error.message}`);
    },
  });
  const paths: string[] = [];
  for (const route of report.routes) {
    if (!route.screenshot) continue;
    const path = screenshotPath(run, route.route);
    const { error } = await db.storage.from("sandbox").upload(path, route.screenshot, { contentType: "image/png", upsert: true });
    if (!error) paths.push(path);
  }
  const v = verdict(report, requirements ?? undefined);
  const status = report.status === "limit" ? "limit" : v.passed ? "passed" : "failed";
  const reason = report.reason ?? v.checks.find((c) => !c.passed)?.failures[0]?.message;
  const { error } = await rpc(db, "finish_sandbox_run", { p_run_id: run.id, p_worker: name, p_status: status, p_results: { ...stored(report), verdict: v, ...(reason ? { reason } : {}) }, p_screenshot_paths: paths });
  if (error) throw dbError(error, "recording the results");
  return status;
}

/**
 * Asks the `worker` function to go on with the job: finish_sandbox_run requeued it if it was
 * waiting for this run (the worker's sweep restarts it otherwise, later).
 */
async function kickWorker(url: string, serviceRoleKey: string, jobId: string, log: (line: string) => void): Promise<void> {
  try {
    const response = await fetch(`${url}/functions/v1/worker`, {
      method: "POST",
      headers: { apikey: serviceRoleKey, authorization: `Bearer ${serviceRoleKey}`, "content-type": "application/json" },
      body: JSON.stringify({ job_id: jobId }),
    });
    await response.body?.cancel();
    if (!response.ok) log(`[sandbox] the worker refused job ${jobId}: ${response.status}`);
  } catch (error) {
    log(`[sandbox] could not reach the worker for job ${jobId}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Starts claiming and running sandbox work until `stop()`. Several runners may
 * share one database: `claim_sandbox_run` gives each run to one of them.
 * @example const runner = startSandboxRunner({ url: stack.apiUrl, serviceRoleKey }); … await runner.stop();
 */
export function startSandboxRunner(options: RunnerOptions): SandboxRunner {
  const name = options.name ?? `sandbox-${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  // Node 20 has no global WebSocket for supabase-js's Realtime client (unused, but constructed).
  const db = createClient(options.url, options.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } });
  const sandbox = options.sandbox ?? new Sandbox();
  const log = options.log ?? (() => undefined);
  let stopping = false;
  let wake: (() => void) | undefined;

  const loop = (async () => {
    while (!stopping) {
      const { data, error } = await db.rpc("claim_sandbox_run", { p_worker: name, p_lease_seconds: 120 });
      const run = (data as ClaimedRun[] | null)?.[0];
      if (error || !run) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, options.pollMs ?? 1_000);
        });
        continue;
      }
      try {
        log(`[sandbox] run ${run.id} (job ${run.job_id}, attempt ${run.attempt}): ${await execute(db, sandbox, name, run, log)}`);
      } catch (failure) {
        const reason = `the sandbox runner failed: ${failure instanceof Error ? failure.message : String(failure)}`;
        log(`[sandbox] run ${run.id}: ${reason}`);
        await rpc(db, "finish_sandbox_run", { p_run_id: run.id, p_worker: name, p_status: "error", p_results: { reason } });
      }
      await kickWorker(options.url, options.serviceRoleKey, run.job_id, log);
    }
  })();

  return {
    name,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      if (!options.sandbox) await sandbox.close();
    },
  };
}
