/** @module The `refactor` job plan (docs/architecture.md#review-gates-history-and-refactoring): one stage that turns `params` into a checked proposal of file edits, each tied to the file version it was made from. */
import { AppError } from "../errors.ts";
import type { JobPlan, StageDefinition } from "../jobs/types.ts";
import type { LlmProvider } from "../llm/index.ts";
import { RefactorRequest, type ProposalEdit, type RefactorProposal } from "../protocol/index.ts";
import { checkProposal } from "./check.ts";
import { editsOf, type VersionedFile } from "./edits.ts";
import { extractComponent } from "./extract-component.ts";
import { proposeByInstruction } from "./instruction.ts";
import { moveFile } from "./move-file.ts";
import { renameIdentifier } from "./rename.ts";
import { sandboxStagesFor, withSandboxVerdict } from "./sandbox.ts";

export type { VersionedFile } from "./edits.ts";

export interface RefactorDeps {
  /** The project's files as they are now. */
  readFiles(projectId: string): Promise<VersionedFile[]>;
  /** The text model for instructions, or null when none is configured (the offline engine). */
  provider(): LlmProvider | null;
  /** Whether a sandbox runner claims `sandbox_runs`, so a checked proposal is also run (see ./sandbox.ts). */
  sandbox?: boolean;
  /** How long to wait for each sandbox run (default 300 s). */
  sandboxWaitSeconds?: number;
}

type RenameParams = { symbol: string; options: { rename_to: string }; scope: { paths?: string[] } };

/** The proposal for renaming `symbol` in `files` (all of them, or those of `scope.paths`). */
export async function proposeRename(files: VersionedFile[], params: RenameParams): Promise<RefactorProposal> {
  const inScope = params.scope.paths ? files.filter((f) => params.scope.paths!.includes(f.path)) : files;
  const changes = inScope.flatMap((file) => {
    const renamed = renameIdentifier(file.path, file.content, params.symbol, params.options.rename_to);
    return renamed.occurrences ? [{ action: "modify" as const, path: file.path, content: renamed.content, occurrences: renamed.occurrences }] : [];
  });
  const edits = await editsOf(files, changes);
  const total = edits.reduce((sum, edit) => sum + edit.occurrences, 0);
  return { summary: `Rename ${params.symbol} to ${params.options.rename_to}: ${total} occurrence(s) in ${edits.length} file(s)`, edits };
}

const withCheck = async (files: VersionedFile[], summary: string, edits: ProposalEdit[]): Promise<RefactorProposal> => ({ summary, edits, check: await checkProposal(files, edits) });

function refactorStage(deps: RefactorDeps): StageDefinition {
  return {
    name: "refactor",
    progress: deps.sandbox ? 60 : 100,
    async run(context) {
      const params = RefactorRequest.parse({ ...context.job.params, project_id: context.job.project_id });
      const files = await deps.readFiles(context.job.project_id);
      let proposal: RefactorProposal;
      let source: { source: string; model: string } = { source: "offline", model: "typescript-syntax-tree" };
      let usage;
      if (params.kind === "instruction") {
        const provider = deps.provider();
        if (!provider) throw new AppError("provider_not_configured", "Refactoring by instruction needs a model; none is configured.");
        await context.log("info", `Instruction: ${params.instruction}`);
        const answered = await proposeByInstruction(provider, files, { instruction: params.instruction, ...(params.scope.paths ? { scope: params.scope.paths } : {}) }, {
          signal: context.signal,
          onAttempt: (attempt, check) => context.log(check.passed ? "info" : "warn", `Proposal ${attempt}: ${check.passed ? "passes the checks" : `${check.findings.length} new problem(s)`}`, { attempt, findings: check.findings }),
        });
        proposal = answered.proposal;
        usage = answered.usage;
        source = { source: provider.name, model: answered.model };
      } else if (params.kind === "rename_file") {
        const edits = await editsOf(files, moveFile(files, params.path, params.to_path));
        const rewired = edits.filter((e) => e.action === "modify").length;
        proposal = await withCheck(files, `Move ${params.path} to ${params.to_path}: imports rewritten in ${rewired} file(s)`, edits);
      } else if (params.kind === "extract_component") {
        const edits = await editsOf(files, await extractComponent(files, params));
        const created = edits.find((e) => e.action === "create")!.path;
        const what = "tag" in params.target ? `<${params.target.tag}> #${params.target.occurrence}` : `lines ${params.target.start_line}–${params.target.end_line}`;
        proposal = await withCheck(files, `Extract ${what} of ${params.path} into ${params.component_name} (${created})`, edits);
      } else {
        if (params.instruction) await context.log("info", `Instruction: ${params.instruction}`);
        const renamed = await proposeRename(files, params);
        if (!renamed.edits.length) throw new AppError("invalid_request", `"${params.symbol}" is not an identifier in any ${params.scope.paths ? "file of the scope" : "file of the project"}.`);
        proposal = await withCheck(files, renamed.summary, renamed.edits);
      }
      for (const edit of proposal.edits) await context.log("tool", `${edit.action} ${edit.path} (${edit.occurrences})`, { path: edit.path, action: edit.action, occurrences: edit.occurrences });
      if (proposal.check && !proposal.check.passed) await context.log("warn", `The proposal fails the checks: ${proposal.check.findings.length} new problem(s); it cannot be applied.`, { findings: proposal.check.findings });
      return { kind: "completed", output: { agent: "refactor", ...source, output: proposal }, ...(usage ? { usage } : {}) };
    },
  };
}

/**
 * The `refactor` plan: the proposal, checked (and run in the sandbox where a runner is
 * configured); its result is `{ proposal }`, applied later with
 * `apply_refactor_proposal` (the accepted files or none, at the versions proposed from).
 * @example plans.refactor = refactorPlan({ readFiles, provider: () => textProviderFromEnv(env) })
 */
export function refactorPlan(deps: RefactorDeps): JobPlan {
  const proposalOf = (outputs: Record<string, unknown>) => (outputs.refactor as { output?: RefactorProposal } | undefined)?.output;
  return {
    stages: (_job, outputs) => [refactorStage(deps), ...(deps.sandbox ? sandboxStagesFor(proposalOf(outputs), deps.sandboxWaitSeconds) : [])],
    result: (outputs) => {
      const proposal = proposalOf(outputs);
      return { proposal: proposal ? withSandboxVerdict(proposal, outputs) : null };
    },
  };
}
