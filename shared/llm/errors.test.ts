import { describe, expect, it } from "vitest";
import { isAppError } from "../errors.ts";
import { LLM_ERROR_CODES, LlmError, isLlmError } from "./index.ts";

describe("LlmError", () => {
  it("is recognised by its marker, even as a plain object from another bundle", () => {
    expect(isLlmError(new LlmError("llm_timeout", "slow"))).toBe(true);
    expect(isLlmError({ isLlmError: true, code: "llm_timeout" })).toBe(true);
    expect(isLlmError(new Error("x"))).toBe(false);
    expect(isLlmError(null)).toBe(false);
  });

  it("carries a stable code, a suggested HTTP status and its details in JSON", () => {
    const error = new LlmError("llm_rate_limited", "openai answered 429", { provider: "openai", upstreamStatus: 429, retryAfterMs: 1000, cause: new Error("inner") });
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(Error);
    expect(isAppError(error)).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      error: "openai answered 429",
      code: "llm_rate_limited",
      details: { provider: "openai", upstreamStatus: 429, retryAfterMs: 1000 },
    });
    expect(new LlmError("llm_invalid_output", "bad").retryable).toBe(false);
  });

  it("has a status for every code", () => {
    for (const code of LLM_ERROR_CODES) expect(new LlmError(code, code).status).toBeGreaterThanOrEqual(400);
  });
});
