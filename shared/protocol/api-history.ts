/** @module Contracts of project history (rollback) and refactor jobs (docs/architecture.md#after-the-build-docs-explanations-previews-comments-github-sync). */
import { z } from "zod";
import { Uuid } from "./common.ts";

/** Body of `POST /history/{project_id}/rollback`: the version whose files come back (as a new version). */
export const RollbackRequest = z.strictObject({
  version: z.number().int().min(1).max(2_147_483_647),
});
export type RollbackRequest = z.infer<typeof RollbackRequest>;

/** An identifier as TypeScript spells one. */
const Identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,99}$/, "expected an identifier such as WalkList or formatDate");

/**
 * Body of `POST /refactor` (refactor_jobs `params`, docs/architecture.md#review-gates-history-and-refactoring): rename `symbol`
 * to `options.rename_to` across the project or the files in `scope.paths`.
 */
export const RefactorRequest = z.strictObject({
  project_id: Uuid,
  symbol: Identifier,
  scope: z.strictObject({ paths: z.array(z.string().min(1).max(500)).min(1).max(500).optional() }).default({}),
  options: z.strictObject({ rename_to: Identifier }),
  instruction: z.string().trim().max(2000).optional(),
}).refine((body) => body.symbol !== body.options.rename_to, { message: "rename_to must differ from symbol", path: ["options", "rename_to"] });
export type RefactorRequest = z.infer<typeof RefactorRequest>;

/** One file edit of a refactor proposal, with the version and sha256 of the file it was made from. */
export const ProposalEdit = z.strictObject({
  path: z.string(),
  base_version: z.number().int(),
  base_hash: z.string().regex(/^[0-9a-f]{64}$/),
  new_content: z.string(),
  occurrences: z.number().int().min(1),
});
export type ProposalEdit = z.infer<typeof ProposalEdit>;

/** A refactor job's `result.proposal`. */
export const RefactorProposal = z.strictObject({
  summary: z.string(),
  edits: z.array(ProposalEdit),
});
export type RefactorProposal = z.infer<typeof RefactorProposal>;
