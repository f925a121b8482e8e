/** @module The first issue of a failed zod parse in a form tests compare, for the protocol's schema tests. */
import type { z } from "zod";

/** The first issue of a failed parse as `path: code`, e.g. `modules.0.estimated_hours: too_big`; "accepted" if the value parses. */
export function firstIssue(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  if (result.success) return "accepted";
  const issue = result.error.issues[0]!;
  return `${issue.path.join(".")}: ${issue.code}`;
}
