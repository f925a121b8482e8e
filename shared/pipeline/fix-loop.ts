/**
 * @module The fix loop after code and QA (issue 14): `sandbox_tests_attempt_N` runs the job's
 * files in the sandbox runner while the job waits without a worker; `reviewer_pass_N` gives the
 * code agent what failed and writes its revision. It ends green, at `max_fix_attempts`, or on a
 * revision that changes nothing or repeats an earlier state.
 */
import { addUsage, runCodeChange, type ProjectFile } from "../agents/index.ts";
import { jobUsageOf, type StageDefinition, type StageOutcome, type Usage } from "../jobs/types.ts";
import type { CodeGenerationResult, QAResult, RequirementsDoc, WireframeSpec } from "../protocol/index.ts";
import type { PipelineDeps } from "./deps.ts";
import { fidelityFailures, qaFidelityFailures, reviseForFidelity, writeAddedFiles, type AppState } from "./fidelity-fix.ts";
import { failuresOf, filesHash, filesToFix, fixInstruction, type Failure, type SandboxArtifact } from "./fix-failures.ts";
import { readParams } from "./params.ts";
import { outputOf, type StageArtifact } from "./stages.ts";

export const sandboxStageName = (attempt: number) => `sandbox_tests_attempt_${attempt}`;
export const reviewerStageName = (pass: number) => `reviewer_pass_${pass}`;

/** Sandbox attempts a job gets unless `projects.settings.max_fix_attempts` says otherwise. */
export const DEFAULT_MAX_FIX_ATTEMPTS = 3;

/** A fix pass's artifact: what it was shown, what it changed, or why the loop stopped. */
export interface ReviewerArtifact extends StageArtifact<CodeGenerationResult[]> {
  pass: number;
  failures: Failure[];
  /** Why no further attempt follows: the limit, a revision that changed nothing, or one that repeats an earlier state. */
  stopped?: "limit" | "no_change" | "repeat";
  /** The hash of the project's files after the revision. */
  hash?: string;
  /** For fidelity misses: the revised requirements and site map, and the files of pages it removed. */
  requirements?: RequirementsDoc;
  wireframe?: WireframeSpec;
  removed?: string[];
}

const sandboxOf = (outputs: Record<string, unknown>, n: number) => outputs[sandboxStageName(n)] as SandboxArtifact | undefined;
const reviewerOf = (outputs: Record<string, unknown>, n: number) => outputs[reviewerStageName(n)] as ReviewerArtifact | undefined;

/**
 * The failures a pass after attempt `n` works on: the attempt's, and the app's fidelity misses even
 * when the sandbox is green (QA's before the first revision, the same check on the revised app after).
 */
function failuresAt(outputs: Record<string, unknown>, n: number, idea: string | undefined): Failure[] {
  const qa = n === 1 ? outputOf<QAResult>(outputs, "qa") : undefined;
  return [...failuresOf(sandboxOf(outputs, n)!, qa), ...(n === 1 ? qaFidelityFailures(qa) : fidelityFailures(idea, appBefore(outputs, n)))];
}

/** The loop's stages so far and the next one, from the finished stages' artifacts; `idea` is the job's, for the fidelity check. */
export function loopStages(deps: PipelineDeps, outputs: Record<string, unknown>, idea?: string): StageDefinition[] {
  const stages = [sandboxStage(deps.sandboxWaitSeconds, 1)];
  for (let n = 1; ; n++) {
    const sandbox = sandboxOf(outputs, n);
    if (!sandbox || sandbox.status === "error" || failuresAt(outputs, n, idea).length === 0) return stages;
    stages.push(reviewerStage(deps, n, idea));
    const reviewer = reviewerOf(outputs, n);
    if (!reviewer || reviewer.stopped) return stages;
    stages.push(sandboxStage(deps.sandboxWaitSeconds, n + 1));
  }
}

/** Attempt `attempt`: asks for a sandbox run of the project's files and parks the job until the runner finishes it (or `waitSeconds`, default 300, pass). */
export function sandboxStage(waitSeconds: number | undefined, attempt: number): StageDefinition {
  return {
    name: sandboxStageName(attempt),
    progress: 90,
    async run(context): Promise<StageOutcome> {
      if (!context.awaitSandbox) throw new Error("a sandbox stage needs the job worker (awaitSandbox)");
      const run = await context.awaitSandbox(attempt, waitSeconds ?? 300);
      if (run.outcome === "waiting") return { kind: "waiting" };
      if (run.outcome === "timeout") await context.log("warn", `Sandbox attempt ${attempt} did not run: ${String(run.results?.reason ?? "no runner")}`);
      const artifact = {
        agent: "sandbox", source: "sandbox", model: "sandbox", run_id: run.run_id, attempt,
        status: run.status, screenshot_paths: run.screenshot_paths, output: run.results ?? {},
      };
      return { kind: "completed", output: artifact };
    },
  };
}

/** A stop still counts what the model spent. */
const withUsage = (outcome: StageOutcome, usage: Usage): StageOutcome => (outcome.kind === "completed" ? { ...outcome, usage } : outcome);

/** The app after the code stage and the revisions before pass `n`: its files, requirements and site map. */
function appBefore(outputs: Record<string, unknown>, n: number): AppState {
  const files = new Map((outputOf<CodeGenerationResult[]>(outputs, "code") ?? []).map((f) => [f.file_path, { path: f.file_path, content: f.code, language: f.language }]));
  let requirements = outputOf<RequirementsDoc>(outputs, "research")!;
  let wireframe = outputOf<WireframeSpec>(outputs, "wireframe")!;
  for (let k = 1; k < n; k++) {
    const reviewer = reviewerOf(outputs, k);
    for (const f of reviewer?.output ?? []) files.set(f.file_path, { path: f.file_path, content: f.code, language: f.language });
    for (const path of reviewer?.removed ?? []) files.delete(path);
    requirements = reviewer?.requirements ?? requirements;
    wireframe = reviewer?.wireframe ?? wireframe;
  }
  return { requirements, wireframe, files: [...files.values()] };
}
const filesBefore = (outputs: Record<string, unknown>, n: number) => appBefore(outputs, n).files;

/** Pass `n`: the failures of attempt `n` to the code agent (only the files they name), its changes written as a new version. */
function reviewerStage(deps: PipelineDeps, pass: number, idea: string | undefined): StageDefinition {
  return {
    name: reviewerStageName(pass),
    progress: 90,
    async run(context): Promise<StageOutcome> {
      const failures = failuresAt(context.outputs, pass, idea);
      const base = { agent: "code", pass, failures, output: [] as CodeGenerationResult[] };
      const stop = async (stopped: NonNullable<ReviewerArtifact["stopped"]>, model: Pick<ReviewerArtifact, "source" | "model">, why: string): Promise<StageOutcome> => {
        await context.event("fix_stopped", { pass, reason: stopped, failures: failures.length });
        await context.log("warn", `The fix loop stops after attempt ${pass}: ${why}`);
        return { kind: "completed", output: { ...base, ...model, stopped } satisfies ReviewerArtifact };
      };
      const limit = readParams(context.job.params).max_fix_attempts ?? (await deps.maxFixAttempts?.(context.job.project_id)) ?? DEFAULT_MAX_FIX_ATTEMPTS;
      if (pass >= limit) return stop("limit", { source: deps.model.source, model: deps.model.name }, `${failures.length} problem(s) remain after ${pass} of ${limit} attempts`);

      const app = appBefore(context.outputs, pass);
      const fidelity = reviseForFidelity(app, failures);
      const { requirements, wireframe } = fidelity;
      const files = app.files.filter((f) => !fidelity.removed.includes(f.path));
      const targets = [...new Set([...filesToFix(failures, files, wireframe), ...fidelity.targets])];
      await context.log("info", `Fix pass ${pass}: ${failures.length} problem(s)${targets.length ? ` in ${targets.join(", ")}` : ""}`, { failures: failures.slice(0, 20) });
      if (fidelity.revised || fidelity.added.length || fidelity.removed.length) {
        await context.event("fidelity_revised", { pass, pages: wireframe.site_map.map((p) => p.path), added: fidelity.added.map((f) => f.path), removed: fidelity.removed });
      }
      const instruction = fixInstruction(failures);
      const agentContext = { signal: context.signal, onToken: (delta: string) => context.stream(delta) };
      const answer = await runCodeChange({ instruction, files, requirements, wireframe, ...(targets.length ? { targets } : {}) }, agentContext, deps.model);
      const added = await writeAddedFiles(fidelity, agentContext, deps.model);
      const output = [...answer.output, ...added.output];
      const usage = jobUsageOf(addUsage(answer.usage, added.usage));
      const model = { source: answer.source, model: answer.model };
      if (output.length === 0 && fidelity.removed.length === 0) return withUsage(await stop("no_change", model, "the revision changed nothing"), usage);
      const revised = new Map(files.map((f) => [f.path, f]));
      for (const f of output) revised.set(f.file_path, { path: f.file_path, content: f.code, language: f.language });
      const hash = await filesHash([...revised.values()]);
      const earlier = [await filesHash(filesBefore(context.outputs, 1)), ...Array.from({ length: pass - 1 }, (_, k) => reviewerOf(context.outputs, k + 1)?.hash)];
      if (earlier.includes(hash)) return withUsage(await stop("repeat", model, "the revision repeats an earlier version of the files"), usage);
      for (const [index, file] of output.entries()) await context.event("file_updated", { path: file.file_path, index: index + 1, total: output.length, pass });
      const specs = fidelity.revised ? { requirements, wireframe } : {};
      return {
        kind: "completed",
        output: { ...base, ...model, output, hash, ...specs, ...(fidelity.removed.length ? { removed: fidelity.removed } : {}) } satisfies ReviewerArtifact,
        effects: {
          files: output.map((f) => ({ path: f.file_path, content: f.code, language: f.language })),
          ...(fidelity.removed.length ? { removed_files: fidelity.removed } : {}),
          ...(fidelity.revised ? { project: { requirements_spec: requirements, architecture_spec: wireframe } } : {}),
          manifest_source: reviewerStageName(pass),
        },
        usage,
      };
    },
  };
}

/** The loop's outcome for the job's result: green or not, the remaining failures, tests and routes of the last attempt. */
export function loopResult(outputs: Record<string, unknown>, idea?: string) {
  let last = 0;
  while (sandboxOf(outputs, last + 1)) last++;
  if (last === 0) return null;
  const sandbox = sandboxOf(outputs, last)!;
  const failures = failuresAt(outputs, last, idea);
  const tests = sandbox.output.tests ?? [];
  const routes = sandbox.output.routes ?? [];
  let stopped: ReviewerArtifact["stopped"] | undefined;
  for (let n = 1; n <= last; n++) stopped = reviewerOf(outputs, n)?.stopped ?? stopped;
  return {
    passed: sandbox.status === "passed" && failures.length === 0,
    attempts: last,
    /** Revisions written (each followed by an attempt). */
    fixes: last - 1,
    status: sandbox.status,
    ...(stopped ? { stopped } : {}),
    tests: { passed: tests.filter((t) => t.status === "passed").length, failed: tests.filter((t) => t.status === "failed").length },
    routes: { rendered: routes.filter((r) => r.rendered && !r.exceptions?.length && !r.errorBoundary).length, total: routes.length },
    failures: failures.slice(0, 50),
  };
}
