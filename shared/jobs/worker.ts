/** @module Runs one stage of a job per call, so each call fits an Edge Function's time limit; the caller chains the next. */
import type { JobStore } from "./store.ts";
import { supervise } from "./supervision.ts";
import type { JobPlan, JobRow, StageContext, StageDefinition, Usage } from "./types.ts";

export interface WorkerOptions {
  store: JobStore;
  plans: Record<string, JobPlan>;
  /** Identifies this worker in leases. */
  worker: string;
  leaseSeconds?: number;
  /** How often a running stage checks for a cancel. */
  cancelPollMs?: number;
  /** Receives the stage's text as it is written (e.g. a Realtime broadcast on job:{id}). */
  onText?: (job: JobRow, stage: string, delta: string) => void;
  /** What this step's model calls have cost so far; added to the job's usage when the step ends without completing its stage. */
  spent?: () => Usage;
}

/** What a step left to do: run another step, or nothing (finished, waiting, cancelled, or not ours). */
export type StepResult = "more" | "idle";

const overBudget = (usage: Usage, budget: JobRow["budget"]): string | null => {
  if (budget?.max_tokens !== undefined && usage.input_tokens + usage.output_tokens >= budget.max_tokens) {
    return `The job used ${usage.input_tokens + usage.output_tokens} tokens of its budget of ${budget.max_tokens}.`;
  }
  if (budget?.max_cost_usd !== undefined && usage.cost_usd >= budget.max_cost_usd) {
    return `The job spent $${usage.cost_usd.toFixed(4)} of its budget of $${budget.max_cost_usd}.`;
  }
  return null;
};

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;
/** The model kept answering invalid output through every repair attempt (shared/llm's `llm_invalid_output`). */
const isRepeatedFailure = (error: unknown) => codeOf(error) === "llm_invalid_output";
/** The owner's monthly cap stopped a model call (shared/llm-settings/spend-cap.ts). */
const isCapReached = (error: unknown) => codeOf(error) === "monthly_cap_reached";

/**
 * Claims the job, runs its next unfinished stage and records the outcome.
 * A stage already recorded is never run again; a job whose stages are all done
 * is completed with the plan's result.
 */
export async function runNextStep(jobId: string, options: WorkerOptions): Promise<StepResult> {
  const { store, worker, leaseSeconds = 60 } = options;
  const job = await store.claim(jobId, worker, leaseSeconds);
  if (!job) return "idle";
  try {
    return await runClaimed(job, options);
  } catch (error) {
    // Whatever a step throws fails the job now, with its reason: a lease left to run
    // out would retry the same failure and hide the cause in the worker's log.
    const message = error instanceof Error ? error.message : String(error);
    await store.finish(job.id, worker, "failed", undefined, message, options.spent?.());
    return "idle";
  }
}

async function runClaimed(job: JobRow, options: WorkerOptions): Promise<StepResult> {
  const { store, worker } = options;
  const plan = options.plans[job.agent_type];
  if (!plan) {
    await store.finish(job.id, worker, "failed", undefined, `No plan for agent type "${job.agent_type}".`);
    return "idle";
  }
  const outputs = await store.outputs(job.id);
  const next = plan.stages(job, outputs).find((stage) => !job.completed_stages.includes(stage.name));
  if (!next) {
    await store.finish(job.id, worker, "completed", plan.result(outputs, job));
    return "idle";
  }
  const exceeded = overBudget(job.usage, job.budget);
  if (exceeded) {
    await store.finish(job.id, worker, "waiting_for_input", {
      reason: "budget",
      message: `${exceeded} Raise the budget to continue.`,
      questions: [{ id: "budget", question: `${exceeded} Continue anyway?`, options: ["continue", "stop"] }],
    });
    return "idle";
  }
  return runStage(job, next, outputs, options);
}

async function runStage(job: JobRow, stage: StageDefinition, outputs: Record<string, unknown>, options: WorkerOptions): Promise<StepResult> {
  const { store, worker, leaseSeconds = 60, cancelPollMs = 250 } = options;
  if (!(await store.startStage(job.id, worker, stage.name))) return "idle";
  const supervision = supervise(store, job.id, worker, leaseSeconds, cancelPollMs);
  const context: StageContext = {
    job,
    outputs,
    signal: supervision.signal,
    log: (level, message, data) => store.appendEvent(job.id, { kind: "log", level, message, data }),
    event: (type, data) => store.appendEvent(job.id, { kind: "event", type, data }),
    stream: (delta) => options.onText?.(job, stage.name, delta),
    async awaitSandbox(attempt, waitSeconds) {
      const run = await store.awaitSandbox(job.id, worker, stage.name, attempt, waitSeconds);
      if (!run) throw new Error("the worker lost the job while asking for a sandbox run");
      return run;
    },
  };
  try {
    const started = performance.now();
    const outcome = await stage.run(context);
    const durationMs = performance.now() - started;
    // Parked on outside work: whoever finishes it records the stage and requeues the job.
    if (outcome.kind === "waiting") return "idle";
    if (supervision.signal.aborted) return "idle";
    if (outcome.kind === "ask") {
      await store.finish(job.id, worker, "waiting_for_input", { questions: outcome.questions }, undefined, options.spent?.());
      await context.event("clarification_requested", { stage: stage.name, questions: outcome.questions.length });
      return "idle";
    }
    const recorded = await store.completeStage(job.id, worker, stage.name, outcome.output, stage.progress, outcome.effects, outcome.usage, durationMs);
    return recorded ? "more" : "idle";
  } catch (error) {
    // Cancelled or taken over: the new status was set by whoever did that.
    if (supervision.signal.aborted) return "idle";
    const message = error instanceof Error ? error.message : String(error);
    if (isCapReached(error)) {
      // Not a failure: the owner raises the cap (or not) and answers.
      await store.finish(job.id, worker, "waiting_for_input", {
        reason: "monthly_cap",
        message,
        questions: [{ id: "retry", question: `${message} Continue with the ${stage.name} stage?`, options: ["retry", "stop"] }],
      }, undefined, options.spent?.());
      return "idle";
    }
    await context.log("error", `Stage ${stage.name} failed: ${message}`);
    if (isRepeatedFailure(error)) {
      // Trying again on our own would spend more on the same failure: ask the user.
      await store.finish(job.id, worker, "waiting_for_input", {
        reason: "repeated_failure",
        message: `The ${stage.name} stage failed again after repeated attempts: ${message}`,
        questions: [{ id: "retry", question: `The ${stage.name} stage keeps failing (${message}). Try it again?`, options: ["retry", "stop"] }],
      }, undefined, options.spent?.());
      return "idle";
    }
    await store.finish(job.id, worker, "failed", undefined, `${stage.name}: ${message}`, options.spent?.());
    return "idle";
  } finally {
    supervision.stop();
  }
}
