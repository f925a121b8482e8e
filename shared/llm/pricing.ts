/** @module Prices of the default models and the cost and usage sums built on them. */
import type { CallCost, Usage } from "./types.ts";

/** USD per one million tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

/**
 * List prices (USD per 1M tokens, standard tier, no caching or batch discounts)
 * of the models CodeForge defaults to and their neighbours. Keys are model-name
 * prefixes: the longest one that starts a model name wins, so dated snapshots
 * (`gpt-4.1-mini-2025-04-14`, `claude-sonnet-4-5-20250929`) get their family's price.
 * Check against the vendors' pricing pages when updating defaults.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-4.1": { input: 2, output: 8 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
  "gpt-5": { input: 1.25, output: 10 },
  "gpt-5-mini": { input: 0.25, output: 2 },
  "gpt-5-nano": { input: 0.05, output: 0.4 },
  "text-embedding-3-small": { input: 0.02, output: 0 },
  "text-embedding-3-large": { input: 0.13, output: 0 },
  "claude-opus-4": { input: 15, output: 75 },
  "claude-opus-4-5": { input: 5, output: 25 },
  "claude-sonnet-4": { input: 3, output: 15 },
  "claude-haiku-4-5": { input: 1, output: 5 },
  "claude-3-5-haiku": { input: 0.8, output: 4 },
  "claude-3-7-sonnet": { input: 3, output: 15 },
  "gemini-2.5-pro": { input: 1.25, output: 10 },
  "gemini-2.5-flash": { input: 0.3, output: 2.5 },
  "gemini-2.5-flash-lite": { input: 0.1, output: 0.4 },
};

/** The price of `model` by longest matching prefix, or `undefined` when unknown. */
export function priceOf(model: string, prices: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): ModelPrice | undefined {
  const name = model.toLowerCase();
  let best: string | undefined;
  for (const prefix of Object.keys(prices)) {
    if (name.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  return best === undefined ? undefined : prices[best];
}

/** Usage plus its cost for `model`; an unknown model costs 0 with `costKnown: false`. */
export function costOf(model: string, usage: Usage): CallCost {
  const price = priceOf(model);
  if (!price) return { usage, costUsd: 0, costKnown: false };
  const costUsd = (usage.inputTokens * price.input + usage.outputTokens * price.output) / 1_000_000;
  return { usage, costUsd: Math.round(costUsd * 1e10) / 1e10, costKnown: true };
}

/** Summed usage and cost of several calls (one job). */
export interface UsageTotals extends CallCost {
  calls: number;
}

/** Zero usage. */
export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0 });

/**
 * Sums calls' usage and cost; `costKnown` is false if any call's was.
 * @example sumUsage([researchResult, wireframeResult]).costUsd
 */
export function sumUsage(parts: Iterable<Partial<CallCost> | undefined>): UsageTotals {
  const total: UsageTotals = { usage: emptyUsage(), costUsd: 0, costKnown: true, calls: 0 };
  for (const part of parts) {
    if (!part) continue;
    total.calls += 1;
    total.usage.inputTokens += part.usage?.inputTokens ?? 0;
    total.usage.outputTokens += part.usage?.outputTokens ?? 0;
    total.costUsd = Math.round((total.costUsd + (part.costUsd ?? 0)) * 1e10) / 1e10;
    if (part.costKnown === false) total.costKnown = false;
  }
  return total;
}

/** Totals in the shape of the `agent_jobs.usage` column. */
export function toJobUsage(totals: CallCost): { input_tokens: number; output_tokens: number; cost_usd: number } {
  return { input_tokens: totals.usage.inputTokens, output_tokens: totals.usage.outputTokens, cost_usd: totals.costUsd };
}
