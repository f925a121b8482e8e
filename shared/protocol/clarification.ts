/** @module The research agent's clarification flow (docs/architecture.md#building-an-app-agents-and-jobs). */
import { z } from "zod";

/** A question the research agent asks before going on (Pydantic `ClarificationQuestion`); `options` defaults to `null`. */
export const ClarificationQuestion = z.strictObject({
  id: z.string(),
  question: z.string(),
  options: z.array(z.string()).nullable().default(null),
});
export type ClarificationQuestion = z.infer<typeof ClarificationQuestion>;

/** The user's answer to one question (Pydantic `ClarificationResponse`). `RespondRequest` bounds it further. */
export const ClarificationResponse = z.strictObject({
  question_id: z.string(),
  answer: z.string(),
});
export type ClarificationResponse = z.infer<typeof ClarificationResponse>;
