/** @module Unit tests of the monthly cap around a provider: checked before every call, counting the step's own calls through the meter. */
import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { meterProvider, type LlmProvider } from "../llm/index.ts";
import { withSpendCap } from "./spend-cap.ts";

/** A provider whose every call costs `cost`, counting its calls. */
function pricedProvider(cost: number): LlmProvider & { calls: number } {
  const provider = {
    name: "fake",
    model: "priced",
    calls: 0,
    async generate() {
      provider.calls += 1;
      return { text: "{}", model: "priced", finishReason: "stop" as const, usage: { inputTokens: 1, outputTokens: 1 }, costUsd: cost, costKnown: true };
    },
  };
  return provider;
}

/** `inner` metered, with the cap counting what the meter saw. */
function capped(inner: LlmProvider, month: { month_spend_usd: number; monthly_cap_usd: number | null }) {
  const meter = meterProvider(inner);
  return withSpendCap(meter.provider, async () => month, () => meter.totals().costUsd);
}

const ask = (provider: LlmProvider) => provider.generate({ messages: [{ role: "user", content: "hi" }] });

describe("withSpendCap", () => {
  it("lets calls through until the month's spend plus this step's calls reaches the cap, then refuses before calling", async () => {
    const inner = pricedProvider(0.3);
    const provider = capped(inner, { month_spend_usd: 0.5, monthly_cap_usd: 1 });
    await ask(provider);
    await ask(provider);
    const refused = await ask(provider).catch((error: unknown) => error);
    expect(inner.calls).toBe(2);
    expect(isAppError(refused) && refused.code).toBe("monthly_cap_reached");
    expect((refused as Error).message).toBe("This month's spend ($1.10) has reached your monthly cap of $1.00. Raise the cap in Settings, then retry.");
  });

  it("never caps without a cap", async () => {
    const inner = pricedProvider(5);
    const provider = capped(inner, { month_spend_usd: 1_000, monthly_cap_usd: null });
    for (let i = 0; i < 3; i += 1) await ask(provider);
    expect(inner.calls).toBe(3);
  });

  it("refuses every paid call under a cap of zero", async () => {
    const inner = pricedProvider(0.01);
    const refused = await ask(capped(inner, { month_spend_usd: 0, monthly_cap_usd: 0 })).catch((e: unknown) => e);
    expect((refused as { code?: string }).code).toBe("monthly_cap_reached");
    expect(inner.calls).toBe(0);
  });
});
