/** @module QA agent output (docs/architecture.md#building-an-app-agents-and-jobs). */
import { z } from "zod";
import { QAIssueSeverity } from "./enums.ts";

/** The static check that raised a QA issue (absent for the model's review). */
export const QACheck = z.enum(["parse", "resolve", "types", "bundle", "manifest", "fidelity"]);
export type QACheck = z.infer<typeof QACheck>;

/**
 * What a fidelity issue is about: a record of the requirements with no page (`missing_entity`) or
 * with a page lacking its list or form (`missing_feature`), a page about no record of theirs
 * (`foreign_page`), a record the idea names that the requirements lack (`uncovered_entity`).
 */
export const FidelityKind = z.enum(["missing_entity", "missing_feature", "foreign_page", "uncovered_entity"]);
export type FidelityKind = z.infer<typeof FidelityKind>;

/** One finding of the QA agent (Pydantic `QAIssue`, plus the check that raised it and, for fidelity, what it is about). */
export const QAIssue = z.strictObject({
  severity: QAIssueSeverity,
  description: z.string(),
  suggestion: z.string(),
  check: QACheck.optional(),
  kind: FidelityKind.optional(),
  /** The record (`fuel receipt`) or route (`/recipes`) a fidelity issue is about. */
  subject: z.string().optional(),
});
export type QAIssue = z.infer<typeof QAIssue>;

/** The QA verdict (Pydantic `QAResult`). */
export const QAResult = z.strictObject({
  passed: z.boolean(),
  issues: z.array(QAIssue),
  summary: z.string(),
});
export type QAResult = z.infer<typeof QAResult>;
