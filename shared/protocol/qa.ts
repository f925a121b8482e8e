/** @module QA agent output (docs/architecture.md#building-an-app-agents-and-jobs). */
import { z } from "zod";
import { QAIssueSeverity } from "./enums.ts";

/** One finding of the QA agent (Pydantic `QAIssue`). */
export const QAIssue = z.strictObject({
  severity: QAIssueSeverity,
  description: z.string(),
  suggestion: z.string(),
});
export type QAIssue = z.infer<typeof QAIssue>;

/** The QA verdict (Pydantic `QAResult`). */
export const QAResult = z.strictObject({
  passed: z.boolean(),
  issues: z.array(QAIssue),
  summary: z.string(),
});
export type QAResult = z.infer<typeof QAResult>;
