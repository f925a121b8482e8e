/** @module The app's form schemas (zod, from the shared protocol where one exists) and a reader of field errors. */
import { z } from "zod";
import { GitHubExportRequest, RespondRequest, SkillLevel, UserIdea, type ClarificationQuestion } from "../../../shared/protocol/index.ts";

export const Email = z.email("Enter an email address such as you@example.com.");

export const SignInForm = z.strictObject({
  email: Email,
  password: z.string().min(1, "Enter your password."),
});
export type SignInForm = z.infer<typeof SignInForm>;

export const SignUpForm = z.strictObject({
  email: Email,
  password: z.string().min(8, "Use at least 8 characters.").max(72, "Use at most 72 characters."),
  full_name: z.string().trim().max(100, "Use at most 100 characters.").optional(),
});
export type SignUpForm = z.infer<typeof SignUpForm>;

export const ProjectMode = z.enum(["builder", "student"]);
export type ProjectMode = z.infer<typeof ProjectMode>;

export const ProjectForm = z.strictObject({
  title: z.string().trim().min(1, "Give the project a title.").max(120, "Use at most 120 characters."),
  description: z.string().trim().max(2000, "Use at most 2000 characters.").optional(),
  mode: ProjectMode,
});
export type ProjectForm = z.infer<typeof ProjectForm>;

/** Empty strings mean "not set" (null in the database). */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((value) => value || null);

export const ProfileForm = z.strictObject({
  username: z
    .string()
    .trim()
    .refine((value) => value === "" || /^[a-z0-9_]{3,30}$/.test(value), "3–30 lowercase letters, digits or _.")
    .transform((value) => value || null),
  full_name: optionalText(100),
  avatar_url: z
    .string()
    .trim()
    .refine((value) => value === "" || /^https?:\/\/\S+$/.test(value), "Enter a web address starting with https://.")
    .transform((value) => value || null),
  skill_level: z
    .union([SkillLevel, z.literal("")])
    .transform((value) => value || null),
});
export type ProfileForm = z.output<typeof ProfileForm>;

/** The idea box: the protocol's `UserIdea` with words for the user. */
export const IdeaForm = z.strictObject({
  user_idea: UserIdea.refine((idea) => idea.length > 0, "Describe your idea."),
});

export const GitHubExportForm = GitHubExportRequest;

/**
 * The `respond` body from the form's answers (question id → answer), or
 * errors keyed by question id: every question needs an answer, and one of its
 * options where it has some.
 */
export function respondBody(
  questions: ClarificationQuestion[],
  answers: Record<string, string>,
): { data: RespondRequest; errors: null } | { data: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const question of questions) {
    const answer = (answers[question.id] ?? "").trim();
    if (question.options?.length && !question.options.includes(answer)) errors[question.id] = "Choose one of the options.";
    else if (!answer) errors[question.id] = "Write an answer.";
  }
  if (Object.keys(errors).length) return { data: null, errors };
  const parsed = RespondRequest.safeParse({ responses: questions.map((q) => ({ question_id: q.id, answer: (answers[q.id] ?? "").trim() })) });
  if (parsed.success) return { data: parsed.data, errors: null };
  for (const issue of parsed.error.issues) {
    const question = questions[Number(issue.path[1])];
    errors[question?.id ?? "form"] ??= issue.message;
  }
  return { data: null, errors };
}

/** Field name → first message, from a failed `safeParse`. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/**
 * Validates `values` against `schema`: the parsed data, or errors by field.
 * @example const { data, errors } = validate(SignInForm, { email, password })
 */
export function validate<S extends z.ZodType>(schema: S, values: unknown): { data: z.output<S>; errors: null } | { data: null; errors: Record<string, string> } {
  const parsed = schema.safeParse(values);
  return parsed.success ? { data: parsed.data, errors: null } : { data: null, errors: fieldErrors(parsed.error) };
}
