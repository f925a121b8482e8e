import { describe, expect, it } from "vitest";
import { textProviderFromEnv } from "./model-from-env.ts";

describe("textProviderFromEnv", () => {
  it("is none (the offline engine) when nothing is configured", () => {
    expect(textProviderFromEnv({})).toBeNull();
    expect(textProviderFromEnv({ CODEFORGE_LLM_PROVIDER: "offline", OPENAI_API_KEY: "sk-x" })).toBeNull();
  });

  it("is the configured provider and its model", () => {
    expect(textProviderFromEnv({ CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test" })).toMatchObject({ name: "openai", model: "gpt-4.1-mini" });
  });

  it("names the missing variable when a provider is not configured", () => {
    expect(() => textProviderFromEnv({ CODEFORGE_LLM_PROVIDER: "anthropic" })).toThrow("ANTHROPIC_API_KEY");
  });
});
