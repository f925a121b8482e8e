/** @module Unit tests of the choosable providers: known model names, and the environment a choice gives `selectProvider`. */
import { describe, expect, it } from "vitest";
import { selectProvider } from "../llm/select-provider.ts";
import { providerEnv, serverDefault } from "./job-model.ts";
import { CHOOSABLE_PROVIDERS, isPricedModel, KEY_PROVIDERS, OFFLINE_MODEL, pricedModels } from "./providers.ts";

const offline = () => ({ name: "offline", model: OFFLINE_MODEL, generate: () => Promise.reject(new Error("offline")) });

describe("providers", () => {
  it("offers the offline engine and every network provider of the LLM layer", () => {
    expect(CHOOSABLE_PROVIDERS).toEqual(["offline", ...KEY_PROVIDERS]);
    expect(KEY_PROVIDERS).toEqual(expect.arrayContaining(["openai", "anthropic", "openai-compatible"]));
  });

  it("knows a model from the price table only within its provider's family, never an embedding model", () => {
    expect(isPricedModel("openai", "gpt-4.1-mini")).toBe(true);
    expect(isPricedModel("openai", "gpt-4.1-mini-2025-04-14")).toBe(true);
    expect(isPricedModel("anthropic", "claude-sonnet-4-5-20250929")).toBe(true);
    expect(isPricedModel("openai", "claude-sonnet-4-5")).toBe(false);
    expect(isPricedModel("openai", "text-embedding-3-small")).toBe(false);
    expect(isPricedModel("openai", "gpt-banana")).toBe(false);
    expect(isPricedModel("openai-compatible", "gpt-4.1")).toBe(false);
    expect(isPricedModel("offline", OFFLINE_MODEL)).toBe(true);
    expect(pricedModels("anthropic").every((name) => name.startsWith("claude-"))).toBe(true);
  });

  it("composes the environment selectProvider reads: the choice and the user's key over the server's settings", () => {
    const server = { CODEFORGE_LLM_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "server-key", OPENAI_API_KEY: "server-openai", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" };
    const env = providerEnv(server, { provider: "openai", model: "gpt-5-mini" }, "user-key");
    expect(env).toMatchObject({ CODEFORGE_LLM_PROVIDER: "openai", OPENAI_MODEL: "gpt-5-mini", OPENAI_API_KEY: "user-key", OPENAI_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(selectProvider(env, { offline }).model).toBe("gpt-5-mini");
    expect(selectProvider(providerEnv(server, { provider: "offline", model: OFFLINE_MODEL }, null), { offline }).name).toBe("offline");
  });

  it("reads the server's default from its environment, saying when it is not configured", () => {
    expect(serverDefault({})).toEqual({ provider: "offline", model: OFFLINE_MODEL, configured: true });
    expect(serverDefault({ CODEFORGE_LLM_PROVIDER: "openai", OPENAI_API_KEY: "k", OPENAI_MODEL: "gpt-5" })).toEqual({ provider: "openai", model: "gpt-5", configured: true });
    expect(serverDefault({ CODEFORGE_LLM_PROVIDER: "anthropic", ANTHROPIC_MODEL: "claude-opus-4-5" })).toEqual({ provider: "anthropic", model: "claude-opus-4-5", configured: false });
  });
});
