/** @module The job plan of a Studio order (agent_jobs.agent_type = 'studio'): one stage per batch of items, so a worker step stays short. */
import type { JobPlan, JobRow, StageDefinition } from "../jobs/types.ts";
import { readOrderContext, type Env } from "./context.ts";
import { runItem, type ItemOutcome } from "./run-item.ts";
import type { StudioStore } from "./store.ts";

export interface StudioJobParams {
  order_id: string;
  expanded_count: number;
  batch_size: number;
}

export const STUDIO_AGENT_TYPE = "studio";

/** Stage names of an order's batches, `items-1-4`, `items-5-8`, …: fixed once the order is placed. */
export function batchesOf(count: number, size: number): { name: string; from: number; to: number }[] {
  return Array.from({ length: Math.ceil(count / size) }, (_, i) => {
    const from = i * size + 1;
    const to = Math.min(count, from + size - 1);
    return { name: `items-${from}-${to}`, from, to };
  });
}

function batchStage(store: StudioStore, env: Env, job: JobRow, batch: { name: string; from: number; to: number }, progress: number): StageDefinition {
  const params = job.params as unknown as StudioJobParams;
  return {
    name: batch.name,
    progress,
    async run({ signal }) {
      const context = await readOrderContext(store, env, params.order_id, job.user_id);
      const items = await store.openItems(params.order_id, batch.from, batch.to);
      // The batch's items run at once; the provider's limits (slots) decide how many call out together.
      const outcomes: ItemOutcome[] = await Promise.all(items.map((item) => runItem(store, context, item, signal)));
      return { kind: "completed", output: { items: outcomes } };
    },
  };
}

/** The plan of a Studio order; it reaches the database only through `store`. */
export function studioPlan(store: StudioStore, env: Env): JobPlan {
  return {
    stages(job) {
      const params = job.params as unknown as StudioJobParams;
      const batches = batchesOf(params.expanded_count, params.batch_size);
      return batches.map((batch, i) => batchStage(store, env, job, batch, Math.round(((i + 1) / batches.length) * 100)));
    },
    result(outputs, job) {
      const items = Object.values(outputs).flatMap((output) => (output as { items: ItemOutcome[] }).items);
      return {
        order_id: (job.params as unknown as StudioJobParams).order_id,
        completed: items.filter((item) => item.status === "complete").length,
        failed: items.filter((item) => item.status === "failed").length,
      };
    },
  };
}
