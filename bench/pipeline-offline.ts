/** @module `npx tsx bench/pipeline-offline.ts`: time of each offline pipeline stage (research → wireframe → code → qa), cold and warm, to set engine overhead against agent time. */
import { checkProject } from "../shared/agents/qa-checks/index.ts";
import type { JobRow, StageContext, StageDefinition } from "../shared/jobs/types.ts";
import { createAgentPlans, createInMemoryDeps } from "../shared/pipeline/index.ts";
import { ms, percentile, table } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 20);
const IDEA = "A CRM for dog walkers";

function job(): JobRow {
  return {
    id: "00000000-0000-4000-8000-000000000001", project_id: "00000000-0000-4000-8000-000000000002", user_id: "00000000-0000-4000-8000-000000000003",
    agent_type: "pipeline", status: "running", params: { input_context: { user_idea: IDEA } }, stage: null, completed_stages: [], attempts: 0, max_attempts: 3,
    progress: 0, usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 }, budget: null, result: null,
  };
}

/** Runs the pipeline once, returning each stage's milliseconds (and the streamed characters). */
async function once(stages: StageDefinition[]): Promise<{ times: Record<string, number>; streamed: number; files: number }> {
  const outputs: Record<string, unknown> = {};
  const times: Record<string, number> = {};
  let streamed = 0;
  let files = 0;
  const row = job();
  for (const stage of stages) {
    const context: StageContext = {
      job: row, outputs, signal: new AbortController().signal,
      log: async () => {}, event: async () => {}, stream: (delta) => void (streamed += delta.length),
    };
    const start = performance.now();
    const outcome = await stage.run(context);
    times[stage.name] = performance.now() - start;
    if (outcome.kind !== "completed") throw new Error(`${stage.name} did not complete`);
    outputs[stage.name] = JSON.parse(JSON.stringify(outcome.output));
    files += outcome.effects?.files?.length ?? 0;
  }
  return { times, streamed, files };
}

const plan = createAgentPlans(createInMemoryDeps()).pipeline;
const cold = await once(plan.stages(job(), {}));
const samples: Record<string, number[]> = {};
let last = cold;
for (let i = 0; i < RUNS; i++) {
  // Fresh deps each run, so the stored-pattern list does not grow.
  last = await once(createAgentPlans(createInMemoryDeps()).pipeline.stages(job(), {}));
  for (const [stage, time] of Object.entries(last.times)) (samples[stage] ??= []).push(time);
}
const totals = samples.research!.map((_, i) => Object.values(samples).reduce((sum, list) => sum + list[i]!, 0));

// The QA stage split: static checks alone (warm), which is most of it.
const files = (await (async () => {
  const outputs: Record<string, unknown> = {};
  for (const stage of plan.stages(job(), {}).slice(0, 3)) {
    const outcome = await stage.run({ job: job(), outputs, signal: new AbortController().signal, log: async () => {}, event: async () => {}, stream: () => {} });
    if (outcome.kind === "completed") outputs[stage.name] = outcome.output;
    if (stage.name === "code" && outcome.kind === "completed") return outcome.effects!.files!;
  }
  return [];
})());
const checks: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await checkProject(files);
  checks.push(performance.now() - start);
}

const row = (name: string, list: number[], first: number | undefined) => {
  const mean = list.reduce((a, b) => a + b, 0) / list.length;
  return [name, first === undefined ? "–" : ms(first), ms(mean), ms(percentile(list, 50)), ms(percentile(list, 95))];
};
console.log(`\n### Offline pipeline stages ("${IDEA}", ${RUNS} warm runs after 1 cold run, Node ${process.version})\n`);
console.log(table(["stage", "cold (1st run)", "mean", "p50", "p95"], [
  ...Object.keys(samples).map((stage) => row(stage, samples[stage]!, cold.times[stage])),
  row("qa: static checks only (parse + resolve + tsc)", checks, undefined),
  row("total", totals, Object.values(cold.times).reduce((a, b) => a + b, 0)),
]));
console.log(`\n${last.files} files generated, ${last.streamed} characters streamed per run. The cold QA run includes loading the TypeScript compiler and parsing lib.dom.d.ts once per process.`);
