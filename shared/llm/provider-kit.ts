/** @module Small pieces the provider implementations share: schema names, prompt instructions, response parsing. */
import type { z } from "zod";
import type { JsonSchema } from "../protocol/json-schema.ts";
import { LlmError } from "./errors.ts";
import { parseJsonText } from "./json-text.ts";
import { costOf } from "./pricing.ts";
import type { FinishReason, GenerateResult, Usage } from "./types.ts";

/** A schema / tool name both OpenAI and Anthropic accept: `[A-Za-z0-9_-]{1,64}`. */
export function safeSchemaName(name: string | undefined): string {
  const cleaned = (name ?? "").replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 64);
  return cleaned || "output";
}

/** The instruction appended to the system prompt where the schema cannot be enforced by the API. */
export function schemaInstruction(schema: JsonSchema): string {
  return `Respond with a single JSON object, and nothing else, that matches this JSON Schema:\n${JSON.stringify(schema)}`;
}

/** Joins a system prompt and extra instructions. */
export function joinSystem(...parts: Array<string | undefined>): string | undefined {
  const text = parts.filter((part) => part !== undefined && part !== "").join("\n\n");
  return text === "" ? undefined : text;
}

/** Reads a 2xx JSON body and checks the fields we use; `llm_invalid_response` otherwise. */
export async function readBody<S extends z.ZodType>(response: Response, schema: S, provider: string, model: string): Promise<z.output<S>> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError("llm_invalid_response", `${provider} answered with non-JSON: ${text.slice(0, 200)}`, { provider, model });
  }
  return parseChunk(json, schema, provider, model);
}

/** Checks one decoded JSON payload (body or stream chunk) against the fields we use. */
export function parseChunk<S extends z.ZodType>(json: unknown, schema: S, provider: string, model: string): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new LlmError("llm_invalid_response", `${provider} answered in an unexpected shape (${issue?.path.join(".")}: ${issue?.message})`, {
      provider,
      model,
    });
  }
  return result.data;
}

/** JSON-decodes one SSE `data:` line; `llm_invalid_response` when it is not JSON. */
export function decodeChunk(data: string, provider: string, model: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new LlmError("llm_invalid_response", `${provider} streamed a non-JSON chunk: ${data.slice(0, 200)}`, { provider, model });
  }
}

/** Assembles a `GenerateResult`: prices the usage and parses the JSON when a schema was asked for. */
export function buildResult(args: {
  text: string;
  model: string;
  usage: Usage;
  finishReason: FinishReason;
  structured: boolean;
  parsed?: unknown;
}): GenerateResult {
  const result: GenerateResult = { text: args.text, model: args.model, finishReason: args.finishReason, ...costOf(args.model, args.usage) };
  if (args.parsed !== undefined) result.parsed = args.parsed;
  else if (args.structured) {
    const json = parseJsonText(args.text);
    if (json.ok) result.parsed = json.value;
  }
  return result;
}

/** A refusal, with the tokens it cost. */
export function refusal(provider: string, model: string, message: string, usage: Usage): LlmError {
  const { costUsd } = costOf(model, usage);
  return new LlmError("llm_refusal", `${provider} refused: ${message.slice(0, 500)}`, { provider, model, usage, costUsd });
}
