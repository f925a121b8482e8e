/** @module Contracts of project history (rollback; docs/architecture.md#review-gates-history-and-refactoring). */
import { z } from "zod";
import { Uuid } from "./common.ts";

/** Body of `POST /history/{project_id}/rollback`: the version whose files come back (as a new version). */
export const RollbackRequest = z.strictObject({
  version: z.number().int().min(1).max(2_147_483_647),
});
export type RollbackRequest = z.infer<typeof RollbackRequest>;
