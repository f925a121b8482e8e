/** @module Contract of `POST /v1/projects/{project_id}/export/github` (docs/api.md). */
import { z } from "zod";

/** GitHub's repository names: letters, digits, `.`, `-`, `_`, at most 100, not `.` or `..`. */
export const GitHubRepoName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._-]+$/, "only letters, digits, '.', '-' and '_' are allowed")
  .refine((name) => name !== "." && name !== "..", "'.' and '..' are not repository names");

/**
 * A GitHub token: classic (`ghp_…`), fine-grained (`github_pat_…`), OAuth and
 * app tokens, or a legacy 40-hex token; all are letters, digits and `_`.
 */
export const GitHubToken = z.string().regex(/^[A-Za-z0-9_]{20,255}$/, "not a GitHub token");

/** Body of the GitHub export. */
export const GitHubExportRequest = z.strictObject({
  repo_name: GitHubRepoName,
  github_token: GitHubToken,
});
export type GitHubExportRequest = z.infer<typeof GitHubExportRequest>;

/** Answer of the GitHub export. */
export const GitHubExportResponse = z.strictObject({
  repo_url: z.url({ protocol: /^https$/ }),
  files_pushed: z.number().int().min(0),
  commit_sha: z.string().regex(/^[0-9a-f]{4,64}$/, "expected a hex commit sha"),
});
export type GitHubExportResponse = z.infer<typeof GitHubExportResponse>;

/** Body of the GitHub import: `owner/name`, an optional branch (default: the repository's), a token for private repositories. */
export const GitHubImportRequest = z.strictObject({
  repo: z.string().regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, "expected owner/name"),
  branch: z.string().min(1).max(250).regex(/^[^\s~^:?*[\\]+$/, "not a branch name").optional(),
  github_token: GitHubToken.optional(),
});
export type GitHubImportRequest = z.infer<typeof GitHubImportRequest>;
