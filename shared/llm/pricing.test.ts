import { describe, expect, it } from "vitest";
import { costOf, priceOf, sumUsage, toJobUsage } from "./index.ts";

describe("pricing", () => {
  it("prices dated snapshots by their family's longest prefix", () => {
    expect(priceOf("gpt-4.1-mini-2025-04-14")).toEqual({ input: 0.4, output: 1.6 });
    expect(priceOf("gpt-4.1-2025-04-14")).toEqual({ input: 2, output: 8 });
    expect(priceOf("gpt-4o-mini")).toEqual({ input: 0.15, output: 0.6 });
    expect(priceOf("claude-sonnet-4-5-20250929")).toEqual({ input: 3, output: 15 });
    expect(priceOf("claude-opus-4-5")).toEqual({ input: 5, output: 25 });
    expect(priceOf("gemini-2.5-flash-lite-preview-09-2025")).toEqual({ input: 0.1, output: 0.4 });
    expect(priceOf("gemini-2.5-flash")).toEqual({ input: 0.3, output: 2.5 });
    expect(priceOf("llama3.1:8b")).toBeUndefined();
  });

  it("computes USD from tokens, and 0 with a flag for unknown models", () => {
    expect(costOf("gpt-4.1-mini", { inputTokens: 1_000_000, outputTokens: 1_000_000 })).toMatchObject({ costUsd: 2, costKnown: true });
    expect(costOf("text-embedding-3-small", { inputTokens: 500_000, outputTokens: 0 }).costUsd).toBeCloseTo(0.01, 12);
    expect(costOf("mistral-large", { inputTokens: 100, outputTokens: 100 })).toMatchObject({ costUsd: 0, costKnown: false });
  });

  it("sums a job's calls and renders them as agent_jobs.usage", () => {
    const total = sumUsage([
      costOf("gpt-4.1-mini", { inputTokens: 1000, outputTokens: 200 }),
      undefined,
      costOf("gpt-4.1-mini", { inputTokens: 3000, outputTokens: 800 }),
    ]);
    expect(total).toMatchObject({ calls: 2, usage: { inputTokens: 4000, outputTokens: 1000 }, costKnown: true });
    expect(total.costUsd).toBeCloseTo((4000 * 0.4 + 1000 * 1.6) / 1e6, 12);
    expect(toJobUsage(total)).toEqual({ input_tokens: 4000, output_tokens: 1000, cost_usd: total.costUsd });
    expect(sumUsage([costOf("x", { inputTokens: 1, outputTokens: 1 })]).costKnown).toBe(false);
    expect(sumUsage([])).toMatchObject({ calls: 0, costUsd: 0, costKnown: true });
  });
});
