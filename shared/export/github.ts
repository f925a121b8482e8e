/** @module Pushes a project's files to a GitHub repository as one commit, creating the repository when needed. */
import { Octokit } from "@octokit/core";

export interface ExportFile {
  path: string;
  content: string;
}

export interface GitHubExportResult {
  repo_url: string;
  files_pushed: number;
  commit_sha: string;
}

/** A failure GitHub reported, with its HTTP status (401 bad token, 403/404 no access, 422 invalid name, …). */
export class GitHubExportError extends Error {
  readonly isGitHubExportError = true;
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const isGitHubExportError = (error: unknown): error is GitHubExportError =>
  typeof error === "object" && error !== null && (error as { isGitHubExportError?: unknown }).isGitHubExportError === true;

const statusOf = (error: unknown) => (typeof error === "object" && error !== null && "status" in error ? Number(error.status) : 0);

async function github<T>(what: string, call: () => Promise<{ data: T }>): Promise<T> {
  try {
    return (await call()).data;
  } catch (error) {
    const status = statusOf(error);
    const reason = status === 401 ? "the token was rejected" : (error as Error).message;
    throw new GitHubExportError(status || 502, `GitHub ${what} failed: ${reason}`);
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
    if (!isGitHubExportError(error) || error.status !== 404) throw error;
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
