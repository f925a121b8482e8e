import { describe, expect, it } from "vitest";
import { agentModelFromEnv } from "./model-from-env.ts";

describe("agentModelFromEnv", () => {
  it("is the offline engine when nothing is configured", () => {
    expect(agentModelFromEnv({})).toMatchObject({ name: "offline", source: "offline" });
    expect(agentModelFromEnv({ CODEFORGE_LLM_PROVIDER: "offline", OPENAI_API_KEY: "sk-x" }).source).toBe("offline");
  });

  it("is an LLM model for a configured provider", () => {
    expect(agentModelFromEnv({ CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" })).toMatchObject({ name: "openai:gpt-4.1-mini", source: "llm" });
  });

  it("names the missing variable when a provider is not configured", () => {
    expect(() => agentModelFromEnv({ CODEFORGE_LLM_PROVIDER: "anthropic" })).toThrow("ANTHROPIC_API_KEY");
  });
});
