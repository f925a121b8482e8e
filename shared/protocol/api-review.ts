/** @module Contracts of the owner's actions on a running job (docs/architecture.md#review-gates-history-and-refactoring): review decisions, pause and resume. */
import { z } from "zod";

export const MAX_REVIEW_COMMENT_LENGTH = 2000;

/**
 * Body of `POST /jobs/{job_id}/review` while the job is `awaiting_review`:
 * approve (continue to the next stage), or request changes with a comment (the
 * reviewed stage reruns with it).
 */
export const ReviewRequest = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("approve"), comment: z.string().trim().max(MAX_REVIEW_COMMENT_LENGTH).optional() }),
  z.strictObject({ action: z.literal("request_changes"), comment: z.string().trim().min(1, "say what to change").max(MAX_REVIEW_COMMENT_LENGTH) }),
]);
export type ReviewRequest = z.infer<typeof ReviewRequest>;

/** Body of `POST /jobs/{job_id}/fix-again`: how many more sandbox attempts the fix loop gets (default 3). */
export const FixAgainRequest = z.strictObject({
  attempts: z.number().int().min(1).max(10).default(3),
});
export type FixAgainRequest = z.infer<typeof FixAgainRequest>;

/** Answer of `POST /jobs/{job_id}/review`, `/pause`, `/resume` and `/fix-again`: the job's new status. */
export const JobActionResponse = z.strictObject({
  status: z.enum(["queued", "running", "paused"]),
  message: z.string(),
});
export type JobActionResponse = z.infer<typeof JobActionResponse>;
