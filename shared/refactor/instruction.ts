/** @module Refactor by instruction: the configured model proposes whole-file edits (structured output), checked as a build checks, with one repair turn. */
import { z } from "zod";
import { generateStructured, type ChatMessage, type LlmProvider } from "../llm/index.ts";
import { FilePath, type ProposalCheck, type RefactorProposal } from "../protocol/index.ts";
import type { Usage } from "../jobs/types.ts";
import { checkProposal } from "./check.ts";
import { changedLines, editsOf, type Change, type VersionedFile } from "./edits.ts";

/** What the model answers: a summary and whole-file edits. */
export const ModelRefactor = z.strictObject({
  summary: z.string().min(1).max(500),
  edits: z
    .array(
      z.strictObject({
        path: FilePath,
        action: z.enum(["modify", "create", "delete"]),
        /** The whole new file; empty for `delete`. */
        content: z.string().max(200_000),
      }),
    )
    .min(1)
    .max(30),
});
export type ModelRefactor = z.infer<typeof ModelRefactor>;

const SYSTEM = [
  "You refactor a React + TypeScript project (Vite, react-router) as the user instructs.",
  "Change only what the instruction needs and keep behaviour the same.",
  "Answer with JSON: a one-line summary and the edits. Each edit names a file path and an action:",
  "modify (an existing file; content is the whole new file), create (a new file; the whole file), delete (content empty).",
  "Update every import a change breaks. The project is type checked with strict mode and noUnusedLocals after your edits.",
].join("\n");

/** Characters of source sent with the instruction; files past it are listed by path only. */
const SOURCE_BUDGET = 150_000;

function prompt(files: VersionedFile[], instruction: string, scope: string[] | undefined): string {
  const shown = (scope ? files.filter((f) => scope.includes(f.path)) : files).filter((f) => !/\.(png|jpe?g|gif|ico|woff2?)$/.test(f.path));
  const parts: string[] = [];
  let budget = SOURCE_BUDGET;
  for (const file of [...shown].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    if (file.content.length > budget) continue;
    budget -= file.content.length;
    parts.push(`=== ${file.path} ===\n${file.content}`);
  }
  return `Instruction: ${instruction}\n\nEvery file of the project:\n${files.map((f) => `- ${f.path}`).join("\n")}\n\nTheir sources:\n\n${parts.join("\n\n")}`;
}

/** Edits that cannot apply (a missing file to change, an existing one to create, a path twice), as check findings. */
function shapeProblems(files: VersionedFile[], answer: ModelRefactor): ProposalCheck["findings"] {
  const paths = new Set(files.map((f) => f.path));
  const seen = new Set<string>();
  const problems: ProposalCheck["findings"] = [];
  for (const edit of answer.edits) {
    if (seen.has(edit.path)) problems.push({ check: "proposal", file: edit.path, message: "the file is edited twice" });
    seen.add(edit.path);
    if (edit.action === "create" && paths.has(edit.path)) problems.push({ check: "proposal", file: edit.path, message: "create names a file that exists; use modify" });
    if (edit.action !== "create" && !paths.has(edit.path)) problems.push({ check: "proposal", file: edit.path, message: `${edit.action} names a file the project does not have` });
  }
  return problems;
}

function changesOf(files: VersionedFile[], answer: ModelRefactor): Change[] {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  return answer.edits.map((edit) =>
    edit.action === "delete" ? { action: "delete", path: edit.path } : { action: edit.action, path: edit.path, content: edit.content, occurrences: changedLines(byPath.get(edit.path) ?? "", edit.content) },
  );
}

/**
 * Asks `provider` for edits carrying out `instruction`, then checks them
 * (`checkProposal`). When the check fails, the model gets its findings once and
 * answers again; the second answer is final, its check kept with it: a proposal
 * whose check failed is returned to be shown as refused, never applied.
 */
export async function proposeByInstruction(
  provider: LlmProvider,
  files: VersionedFile[],
  request: { instruction: string; scope?: string[] },
  options: { signal?: AbortSignal; onAttempt?: (attempt: number, check: ProposalCheck) => Promise<void> } = {},
): Promise<{ proposal: RefactorProposal; usage: Usage; model: string }> {
  const messages: ChatMessage[] = [{ role: "user", content: prompt(files, request.instruction, request.scope) }];
  const usage: Usage = { input_tokens: 0, output_tokens: 0, cost_usd: 0 };
  for (let attempt = 1; ; attempt++) {
    const answer = await generateStructured(provider, { schema: ModelRefactor, schemaName: "refactor_edits", system: SYSTEM, messages, maxRepairs: 1, ...(options.signal ? { signal: options.signal } : {}) });
    usage.input_tokens += answer.usage.inputTokens;
    usage.output_tokens += answer.usage.outputTokens;
    usage.cost_usd += answer.costUsd;
    const problems = shapeProblems(files, answer.data);
    const edits = problems.length ? [] : await editsOf(files, changesOf(files, answer.data));
    const check: ProposalCheck = problems.length ? { passed: false, type_checked: false, findings: problems } : edits.length ? await checkProposal(files, edits) : { passed: false, type_checked: false, findings: [{ check: "proposal", file: "", message: "the edits change nothing" }] };
    await options.onAttempt?.(attempt, check);
    if (check.passed || attempt === 2) return { proposal: { summary: answer.data.summary, edits, check }, usage, model: answer.model };
    messages.push({ role: "assistant", content: answer.text });
    messages.push({ role: "user", content: `Your edits fail the project's checks:\n${check.findings.map((f) => `- ${f.file}${f.line ? `:${f.line}` : ""} (${f.check}): ${f.message}`).join("\n")}\nAnswer again with the complete corrected edits.` });
  }
}
