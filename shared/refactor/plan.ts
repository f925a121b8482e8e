/** @module The `refactor` job plan (refactor_jobs, docs/architecture.md#review-gates-history-and-refactoring): one stage that turns `params` into a proposal of file edits, each tied to the file version it was made from. */
import { z } from "zod";
import type { JobPlan, StageDefinition } from "../jobs/types.ts";
import { sha256Hex } from "../history/manifest.ts";
import type { ProposalEdit, RefactorProposal } from "../protocol/index.ts";
import { renameIdentifier } from "./rename.ts";

/** A project file as the refactor reads it: with the version its edit is checked against on apply. */
export interface VersionedFile {
  path: string;
  content: string;
  version: number;
}

export interface RefactorDeps {
  /** The project's files as they are now. */
  readFiles(projectId: string): Promise<VersionedFile[]>;
}

/** `params` of a refactor job: the request without its project. */
export const RefactorParams = z.object({ symbol: z.string(), scope: z.object({ paths: z.array(z.string()).optional() }).default({}), options: z.object({ rename_to: z.string() }), instruction: z.string().optional() });

/** The proposal for renaming `symbol` in `files` (all of them, or those of `scope.paths`). */
export async function proposeRename(files: VersionedFile[], params: z.infer<typeof RefactorParams>): Promise<RefactorProposal> {
  const inScope = params.scope.paths ? files.filter((f) => params.scope.paths!.includes(f.path)) : files;
  const edits: ProposalEdit[] = [];
  for (const file of [...inScope].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const renamed = renameIdentifier(file.path, file.content, params.symbol, params.options.rename_to);
    if (!renamed.occurrences) continue;
    edits.push({ path: file.path, base_version: file.version, base_hash: await sha256Hex(file.content), new_content: renamed.content, occurrences: renamed.occurrences });
  }
  const total = edits.reduce((sum, edit) => sum + edit.occurrences, 0);
  return { summary: `Rename ${params.symbol} to ${params.options.rename_to}: ${total} occurrence(s) in ${edits.length} file(s)`, edits };
}

function refactorStage(deps: RefactorDeps): StageDefinition {
  return {
    name: "refactor",
    progress: 100,
    async run(context) {
      const params = RefactorParams.parse(context.job.params);
      if (params.instruction) await context.log("info", `Instruction: ${params.instruction}`);
      const files = await deps.readFiles(context.job.project_id);
      const proposal = await proposeRename(files, params);
      for (const edit of proposal.edits) {
        await context.log("tool", `rename ${params.symbol} → ${params.options.rename_to} in ${edit.path} (${edit.occurrences})`, { path: edit.path, occurrences: edit.occurrences });
      }
      if (!proposal.edits.length) throw new Error(`"${params.symbol}" is not an identifier in any ${params.scope.paths ? "file of the scope" : "file of the project"}.`);
      return { kind: "completed", output: { agent: "refactor", source: "offline", model: "typescript-syntax-tree", output: proposal } };
    },
  };
}

/**
 * The `refactor` plan: its result is `{ proposal }`, applied later with
 * `apply_refactor_proposal` (all files or none, at the versions proposed from).
 * @example plans.refactor = refactorPlan({ readFiles })
 */
export function refactorPlan(deps: RefactorDeps): JobPlan {
  return {
    stages: () => [refactorStage(deps)],
    result: (outputs) => ({ proposal: (outputs.refactor as { output?: RefactorProposal } | undefined)?.output ?? null }),
  };
}

