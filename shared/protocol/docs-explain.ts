/** @module The outputs and job params of the `docs` and `explain` agents (docs/architecture.md#after-the-build-docs-explanations-previews-comments-github-sync). */
import { z } from "zod";
import { FilePath } from "./file-path.ts";


/** What the docs agent writes: one Markdown document and where it goes in the project. */
export const DocsResult = z.strictObject({
  path: FilePath.describe("Where the document is stored in the project: README.md, or docs/<file>.md for one file."),
  title: z.string().min(1).max(200),
  markdown: z.string().min(20).max(100_000),
  summary: z.string().min(1).max(500).describe("One or two sentences on what the documented code does."),
});
export type DocsResult = z.infer<typeof DocsResult>;

/** What the explain agent answers about a range of lines. */
export const ExplainResult = z.strictObject({
  answer: z.string().min(1).max(20_000).describe("The explanation in Markdown, addressed to the asker."),
  summary: z.string().min(1).max(300).describe("The range's purpose in one sentence."),
  symbols: z.array(z.string().min(1).max(200)).max(50).describe("Names declared or used in the range that the answer explains."),
});
export type ExplainResult = z.infer<typeof ExplainResult>;

/** `POST /run-ai` body for a docs job: the whole project, or one file. */
export const DocsJobRequest = z.strictObject({
  project_id: z.guid(),
  agent_type: z.literal("docs"),
  file_path: FilePath.optional(),
});

/** `POST /run-ai` body for an explain job: a thread to answer in (its file and lines), or a file and a line range; an optional question. */
export const ExplainJobRequest = z.strictObject({
  project_id: z.guid(),
  agent_type: z.literal("explain"),
  thread_id: z.guid().optional(),
  file_path: FilePath.optional(),
  line_start: z.number().int().min(1).optional(),
  line_end: z.number().int().min(1).optional(),
  question: z.string().trim().min(1).max(2000).optional(),
})
  .refine((body) => body.thread_id !== undefined || (body.file_path !== undefined && body.line_start !== undefined && body.line_end !== undefined), {
    message: "give thread_id, or file_path with line_start and line_end",
  })
  .refine((body) => body.line_start === undefined || body.line_end === undefined || body.line_end >= body.line_start, {
    message: "line_end must be ≥ line_start",
    path: ["line_end"],
  });

/** `POST /run-ai`: a docs or an explain job. */
export const AiJobRequest = z.discriminatedUnion("agent_type", [DocsJobRequest, ExplainJobRequest]);
export type AiJobRequest = z.infer<typeof AiJobRequest>;

