/** @module A provider wrapper that records the usage and cost of every call, for a job's totals. */
import { isLlmError } from "./errors.ts";
import { sumUsage, type UsageTotals } from "./pricing.ts";
import type { CallCost, LlmProvider } from "./types.ts";

/** A provider that counts what passes through it. */
export interface MeteredProvider {
  provider: LlmProvider;
  /** Usage and cost of every call so far, failed ones included where the provider reported tokens. */
  totals(): UsageTotals;
}

/**
 * Wraps `provider` so every `generate` / `embed` (and every failure that carries
 * usage) is added to `totals()`. Give the wrapped provider to a job's agents.
 * @example const { provider: llm, totals } = meterProvider(base); await runAgents(llm); toJobUsage(totals())
 */
export function meterProvider(provider: LlmProvider): MeteredProvider {
  const calls: CallCost[] = [];
  const record = async <T extends CallCost>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      calls.push(result);
      return result;
    } catch (error) {
      if (isLlmError(error) && error.details.usage) {
        calls.push({ usage: error.details.usage, costUsd: error.details.costUsd ?? 0, costKnown: error.details.costUsd !== undefined });
      }
      throw error;
    }
  };
  const metered: LlmProvider = {
    name: provider.name,
    model: provider.model,
    generate: (request) => record(() => provider.generate(request)),
    ...(provider.embed ? { embed: (texts, options) => record(() => provider.embed!(texts, options)) } : {}),
  };
  return { provider: metered, totals: () => sumUsage(calls) };
}
