/** @module Anthropic Messages API provider over fetch: structured output by forcing one tool, streaming over SSE. */
import { z } from "zod";
import { LlmError } from "./errors.ts";
import { buildResult, decodeChunk, parseChunk, readBody, refusal, safeSchemaName } from "./provider-kit.ts";
import { readSse } from "./sse.ts";
import { postWithRetry, type TransportOptions } from "./transport.ts";
import type { FinishReason, GenerateRequest, GenerateResult, LlmProvider, Usage } from "./types.ts";

/** Settings of the Anthropic provider. */
export interface AnthropicProviderConfig extends TransportOptions {
  apiKey: string;
  /** API host without `/v1`. Default `https://api.anthropic.com`. */
  baseUrl?: string;
  /** Default `claude-sonnet-4-5`. */
  model?: string;
  /** `anthropic-version` header. Default `2023-06-01`. */
  version?: string;
  /** `max_tokens` (required by the API) when a request sets none. Default 8192. */
  defaultMaxTokens?: number;
}

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_DEFAULT_MODEL = "claude-sonnet-4-5";
export const ANTHROPIC_DEFAULT_VERSION = "2023-06-01";

const UsageBody = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
});
const Message = z.object({
  model: z.string().optional(),
  content: z.array(z.object({ type: z.string(), text: z.string().optional(), name: z.string().optional(), input: z.unknown().optional() })),
  stop_reason: z.string().nullish(),
  usage: UsageBody,
});
const StreamEvent = z.object({
  type: z.string(),
  message: z.object({ model: z.string().optional(), usage: UsageBody.optional() }).optional(),
  content_block: z.object({ type: z.string(), name: z.string().optional() }).optional(),
  delta: z.object({ type: z.string().optional(), text: z.string().optional(), partial_json: z.string().optional(), stop_reason: z.string().nullish() }).optional(),
  usage: UsageBody.optional(),
  error: z.object({ type: z.string().optional(), message: z.string().optional() }).optional(),
});

/** Input tokens including prompt-cache reads and writes (billed here at the base input price). */
const usageOf = (usage: z.infer<typeof UsageBody>): Usage => ({
  inputTokens: (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
  outputTokens: usage.output_tokens ?? 0,
});

const finishReason = (reason: string | null | undefined): FinishReason =>
  reason === "max_tokens" ? "length" : reason === "end_turn" || reason === "tool_use" || reason === "stop_sequence" ? "stop" : "other";

/**
 * The Anthropic Messages API (`POST {baseUrl}/v1/messages`, `x-api-key`,
 * `anthropic-version`). A schema becomes one tool whose `input_schema` it is,
 * with `tool_choice` forcing that tool; its input is the answer. With `onToken`
 * the answer streams (text deltas, or the tool's JSON fragments). No embeddings.
 */
export function createAnthropicProvider(config: AnthropicProviderConfig): LlmProvider {
  const name = "anthropic";
  const model = config.model ?? ANTHROPIC_DEFAULT_MODEL;
  const url = `${(config.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "")}/v1/messages`;
  const headers = { "x-api-key": config.apiKey, "anthropic-version": config.version ?? ANTHROPIC_DEFAULT_VERSION };

  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    const structured = request.schema !== undefined;
    const toolName = safeSchemaName(request.schemaName);
    const body: Record<string, unknown> = {
      model,
      max_tokens: request.maxTokens ?? config.defaultMaxTokens ?? 8192,
      messages: request.messages,
    };
    if (request.system) body.system = request.system;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (structured) {
      body.tools = [{ name: toolName, description: "Give your answer as this tool's input.", input_schema: request.schema }];
      body.tool_choice = { type: "tool", name: toolName };
    }
    const stream = request.onToken !== undefined;
    if (stream) body.stream = true;
    const call = { provider: name, model, url, headers, body, ...(request.signal ? { signal: request.signal } : {}) };
    return postWithRetry(call, config, async (response) => {
      if (stream) return readStream(response, request.onToken!, structured);
      const message = await readBody(response, Message, name, model);
      const answeredBy = message.model ?? model;
      const usage = usageOf(message.usage);
      if (message.stop_reason === "refusal") throw refusal(name, answeredBy, textOf(message.content) || "no reason given", usage);
      const tool = message.content.find((block) => block.type === "tool_use" && block.name === toolName);
      if (structured && tool) {
        return buildResult({ text: JSON.stringify(tool.input ?? {}), parsed: tool.input ?? {}, model: answeredBy, usage, finishReason: finishReason(message.stop_reason), structured });
      }
      return buildResult({ text: textOf(message.content), model: answeredBy, usage, finishReason: finishReason(message.stop_reason), structured });
    });
  }

  async function readStream(response: Response, onToken: (delta: string) => void, structured: boolean): Promise<GenerateResult> {
    if (!response.body) throw new LlmError("llm_invalid_response", `${name} sent no stream body`, { provider: name, model });
    let text = "";
    let toolJson = "";
    let sawTool = false;
    let answeredBy = model;
    const usage: Usage = { inputTokens: 0, outputTokens: 0 };
    let stopReason: string | null | undefined;
    let stopped = false;
    for await (const { data } of readSse(response.body)) {
      const event = parseChunk(decodeChunk(data, name, model), StreamEvent, name, model);
      switch (event.type) {
        case "message_start":
          answeredBy = event.message?.model ?? answeredBy;
          if (event.message?.usage) Object.assign(usage, usageOf(event.message.usage));
          break;
        case "content_block_start":
          if (event.content_block?.type === "tool_use") sawTool = true;
          break;
        case "content_block_delta":
          if (event.delta?.type === "text_delta" && event.delta.text) {
            text += event.delta.text;
            onToken(event.delta.text);
          } else if (event.delta?.type === "input_json_delta" && event.delta.partial_json) {
            toolJson += event.delta.partial_json;
            onToken(event.delta.partial_json);
          }
          break;
        case "message_delta":
          stopReason = event.delta?.stop_reason ?? stopReason;
          // message_delta carries the cumulative output count.
          if (event.usage?.output_tokens != null) usage.outputTokens = event.usage.output_tokens;
          break;
        case "message_stop":
          stopped = true;
          break;
        case "error": {
          const kind = event.error?.type ?? "error";
          throw new LlmError(kind === "rate_limit_error" ? "llm_rate_limited" : "llm_http_error", `${name} stream error (${kind}): ${event.error?.message ?? ""}`, {
            provider: name,
            model: answeredBy,
            usage: { ...usage },
          });
        }
        // ping, content_block_stop and unknown future events need nothing.
      }
      if (stopped) break;
    }
    if (!stopped) throw new LlmError("llm_network_error", `${name} stream ended before message_stop`, { provider: name, model: answeredBy });
    if (stopReason === "refusal") throw refusal(name, answeredBy, text || "no reason given", usage);
    const finish = finishReason(stopReason);
    if (structured && sawTool) {
      // An empty tool input streams no deltas at all.
      return buildResult({ text: toolJson === "" ? "{}" : toolJson, model: answeredBy, usage, finishReason: finish, structured });
    }
    return buildResult({ text, model: answeredBy, usage, finishReason: finish, structured });
  }

  return { name, model, generate };
}

const textOf = (content: Array<{ type: string; text?: string | undefined }>): string =>
  content
    .filter((block) => block.type === "text")
    .map((block) => block.text ?? "")
    .join("");
