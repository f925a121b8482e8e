/** @module Pushes a project's files to a GitHub repository as one commit, creating the repository when needed. */
import { Octokit } from "@octokit/core";
import { AppError, isAppError } from "../errors.ts";

export interface ExportFile {
  path: string;
  content: string;
}

export interface GitHubExportResult {
  repo_url: string;
  files_pushed: number;
  commit_sha: string;
}

/** GitHub's HTTP status behind a failed call (0 when none answered). */
export const upstreamStatusOf = (error: unknown): number =>
  isAppError(error) ? Number((error.details as { upstream_status?: unknown } | undefined)?.upstream_status ?? 0) : 0;

/**
 * Makes one GitHub call; a failure becomes an AppError with GitHub's status in
 * `details.upstream_status`: a rejected token, a refusal (no access, not found,
 * an invalid name), or GitHub being unavailable.
 */
export async function github<T>(what: string, call: () => Promise<{ data: T }>, notFound?: string): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 0;
    const details = { upstream_status: status };
    if (status === 401) throw new AppError("github_token_rejected", `GitHub ${what} failed: the token was rejected`, details);
    if (status >= 500 || status === 0) throw new AppError("github_unavailable", `GitHub ${what} failed: ${(error as Error).message}`, details);
    throw new AppError("github_refused", `GitHub ${what} failed: ${status === 404 && notFound ? notFound : (error as Error).message}`, details);
  }
}

/**
 * Creates `repoName` under the token's user if it does not exist (initialised, so
 * it has a branch), then commits exactly `files` on the default branch: one tree,
 * one commit, one ref update. The token is used for these calls only.
 */
export async function exportToGitHub(options: {
  token: string;
  repoName: string;
  files: ExportFile[];
  message: string;
  baseUrl?: string;
  fetch?: typeof fetch;
}): Promise<GitHubExportResult> {
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl ?? "https://api.github.com",
    request: options.fetch ? { fetch: options.fetch } : undefined,
  });
  const user = await github("reading the user", () => octokit.request("GET /user"));
  const owner = user.login;
  const repo = await github("reading the repository", () =>
    octokit.request("GET /repos/{owner}/{repo}", { owner, repo: options.repoName }),
  ).catch(async (error) => {
    if (upstreamStatusOf(error) !== 404) throw error;
    return github("creating the repository", () =>
      octokit.request("POST /user/repos", { name: options.repoName, auto_init: true, private: true }),
    );
  });
  const branch = repo.default_branch ?? "main";
  const ref = await github("reading the branch", () =>
    octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner, repo: repo.name, ref: `heads/${branch}` }),
  );
  const tree = await github("writing the tree", () =>
    octokit.request("POST /repos/{owner}/{repo}/git/trees", {
      owner,
      repo: repo.name,
      tree: options.files.map((file) => ({ path: file.path, mode: "100644" as const, type: "blob" as const, content: file.content })),
    }),
  );
  const commit = await github("writing the commit", () =>
    octokit.request("POST /repos/{owner}/{repo}/git/commits", {
      owner,
      repo: repo.name,
      message: options.message,
      tree: tree.sha,
      parents: [ref.object.sha],
    }),
  );
  await github("moving the branch", () =>
    octokit.request("PATCH /repos/{owner}/{repo}/git/refs/{ref}", { owner, repo: repo.name, ref: `heads/${branch}`, sha: commit.sha, force: true }),
  );
  return { repo_url: repo.html_url, files_pushed: options.files.length, commit_sha: commit.sha };
}
