/** @module Unit tests of the monthly cap around a model: checked before every call, counting the step's own calls. */
import { describe, expect, it } from "vitest";
import type { AgentModel } from "../agents/types.ts";
import { isAppError } from "../errors.ts";
import { meterModel } from "../agents/model-meter.ts";
import { withSpendCap } from "./spend-cap.ts";

/** A model whose every call costs `cost`, counting its calls. */
function pricedModel(cost: number, source: "llm" | "offline" = "llm"): AgentModel & { calls: number } {
  const model = {
    name: "fake:priced",
    source,
    calls: 0,
    async run() {
      model.calls += 1;
      return { output: {} as never, usage: { inputTokens: 1, outputTokens: 1, costUsd: cost }, source, model: "priced" };
    },
  };
  return model;
}

describe("withSpendCap", () => {
  it("lets calls through until the month's spend plus this step's calls reaches the cap, then refuses before calling", async () => {
    const inner = pricedModel(0.3);
    const capped = withSpendCap(meterModel(inner), async () => ({ month_spend_usd: 0.5, monthly_cap_usd: 1 }));
    await capped.run("explain", {} as never);
    await capped.run("explain", {} as never);
    const refused = await capped.run("explain", {} as never).catch((error: unknown) => error);
    expect(inner.calls).toBe(2);
    expect(isAppError(refused) && refused.code).toBe("monthly_cap_reached");
    expect((refused as Error).message).toBe("This month's spend ($1.10) has reached your monthly cap of $1.00. Raise the cap in Settings, then retry.");
  });

  it("never caps without a cap, nor the offline engine, which costs nothing", async () => {
    const uncapped = pricedModel(5);
    const model = withSpendCap(meterModel(uncapped), async () => ({ month_spend_usd: 1_000, monthly_cap_usd: null }));
    for (let i = 0; i < 3; i += 1) await model.run("explain", {} as never);
    expect(uncapped.calls).toBe(3);
    const offline = pricedModel(0, "offline");
    const metered = meterModel(offline);
    expect(withSpendCap(metered, async () => ({ month_spend_usd: 9, monthly_cap_usd: 0 }))).toBe(metered.model);
  });

  it("refuses every paid call under a cap of zero", async () => {
    const inner = pricedModel(0.01);
    const refused = await withSpendCap(meterModel(inner), async () => ({ month_spend_usd: 0, monthly_cap_usd: 0 })).run("explain", {} as never).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe("monthly_cap_reached");
    expect(inner.calls).toBe(0);
  });
});
