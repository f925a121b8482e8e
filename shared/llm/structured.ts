/** @module Structured generation: ask for JSON matching a zod schema, validate, repair with the validation errors, give up clearly. */
import type { z } from "zod";
import { dropNullOptionals, jsonSchemaFor } from "../protocol/json-schema.ts";
import { LlmError, isLlmError, type LlmIssue } from "./errors.ts";
import { parseJsonText } from "./json-text.ts";
import { sumUsage } from "./pricing.ts";
import type { CallCost, ChatMessage, GenerateRequest, GenerateResult, LlmProvider } from "./types.ts";

/** A structured request: a zod schema instead of a JSON Schema. */
export interface GenerateStructuredRequest<S extends z.ZodType> extends Omit<GenerateRequest, "schema"> {
  schema: S;
  /** Repair attempts after the first answer (default 2, so at most 3 answers). */
  maxRepairs?: number;
  /** Called before each repair attempt, e.g. to clear streamed tokens in a UI. */
  onRepair?: (info: { attempt: number; issues: LlmIssue[] }) => void;
}

/** A validated answer with what all attempts cost together. */
export interface StructuredResult<T> extends CallCost {
  data: T;
  /** The raw text of the accepted answer. */
  text: string;
  model: string;
  /** Answers asked for (1 = valid at once). */
  attempts: number;
}

const MAX_ISSUES_IN_PROMPT = 20;
const MAX_ECHO_CHARS = 20_000;

/** Zod issues or a JSON parse failure of one answer, or the valid data. */
function check<S extends z.ZodType>(schema: S, result: GenerateResult): { data: z.output<S> } | { issues: LlmIssue[] } {
  let value = result.parsed;
  if (value === undefined) {
    const json = parseJsonText(result.text);
    if (!json.ok) return { issues: [{ path: [], message: `not valid JSON (${json.error})`, code: "invalid_json" }] };
    value = json.value;
  }
  const parsed = schema.safeParse(dropNullOptionals(schema, value));
  if (parsed.success) return { data: parsed.data };
  return {
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
      message: issue.message,
      code: issue.code,
    })),
  };
}

/** The user turn that asks the model to fix its previous answer. */
function repairPrompt(issues: LlmIssue[]): string {
  const lines = issues.slice(0, MAX_ISSUES_IN_PROMPT).map((issue) => `- ${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`);
  if (issues.length > MAX_ISSUES_IN_PROMPT) lines.push(`- … and ${issues.length - MAX_ISSUES_IN_PROMPT} more`);
  return `Your previous answer does not match the required JSON schema:\n${lines.join("\n")}\nAnswer again with the complete corrected JSON object only.`;
}

/**
 * Asks `provider` for output matching `schema` (via `jsonSchemaFor`), validates
 * it with zod, and on bad JSON or schema issues asks again with the issues
 * appended to the conversation, up to `maxRepairs` times. Throws
 * `LlmError("llm_invalid_output")` carrying the issues, the last output and
 * the summed usage when no answer validates; provider errors (timeout, abort,
 * HTTP) propagate at once with the usage spent so far.
 * @example const { data } = await generateStructured(llm, { schema: RequirementsDoc, schemaName: "requirements", system, messages });
 */
export async function generateStructured<S extends z.ZodType>(
  provider: LlmProvider,
  request: GenerateStructuredRequest<S>,
): Promise<StructuredResult<z.output<S>>> {
  const { schema, maxRepairs: repairs = 2, onRepair, ...rest } = request;
  const maxRepairs = Math.max(0, Math.floor(repairs));
  const jsonSchema = jsonSchemaFor(schema);
  const messages: ChatMessage[] = [...request.messages];
  const costs: CallCost[] = [];
  let issues: LlmIssue[] = [];
  let lastText = "";
  for (let attempt = 1; attempt <= maxRepairs + 1; attempt++) {
    if (attempt > 1) onRepair?.({ attempt, issues });
    let result: GenerateResult;
    try {
      result = await provider.generate({ ...rest, messages, schema: jsonSchema, schemaName: request.schemaName ?? "output" });
    } catch (error) {
      if (!isLlmError(error) || costs.length === 0) throw error;
      const total = sumUsage([...costs, error.details.usage ? { usage: error.details.usage, costUsd: error.details.costUsd ?? 0 } : undefined]);
      throw new LlmError(error.code, error.message, { ...error.details, usage: total.usage, costUsd: total.costUsd, cause: error });
    }
    costs.push(result);
    const outcome = check(schema, result);
    if ("data" in outcome) {
      const total = sumUsage(costs);
      return { data: outcome.data, text: result.text, model: result.model, attempts: attempt, usage: total.usage, costUsd: total.costUsd, costKnown: total.costKnown };
    }
    issues = result.finishReason === "length"
      ? [{ path: [], message: "the answer was cut off at the output token limit; answer more concisely", code: "truncated" }, ...outcome.issues]
      : outcome.issues;
    lastText = result.text;
    messages.push({ role: "assistant", content: result.text.slice(0, MAX_ECHO_CHARS) || "(empty answer)" }, { role: "user", content: repairPrompt(issues) });
  }
  const total = sumUsage(costs);
  const where = issues.slice(0, 3).map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
  throw new LlmError("llm_invalid_output", `${provider.name} gave no valid ${request.schemaName ?? "output"} in ${costs.length} attempts (${where})`, {
    provider: provider.name,
    model: provider.model,
    attempts: costs.length,
    issues,
    lastOutput: lastText.slice(0, 2000),
    usage: total.usage,
    costUsd: total.costUsd,
  });
}
