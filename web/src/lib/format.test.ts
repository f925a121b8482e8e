import { describe, expect, it } from "vitest";
import { formatUsage } from "./format.ts";

describe("formatUsage", () => {
  it("says what a model run cost, and nothing for the offline engine's zero tokens", () => {
    expect(formatUsage({ input_tokens: 10_000, output_tokens: 2_345, cost_usd: 0.0412 })).toBe("$0.04 · 12,345 tokens");
    expect(formatUsage({ input_tokens: 300, output_tokens: 20, cost_usd: 0.0004 })).toBe("< $0.01 · 320 tokens");
    expect(formatUsage({ input_tokens: 0, output_tokens: 0, cost_usd: 0 })).toBeNull();
    expect(formatUsage(undefined)).toBeNull();
  });
});
