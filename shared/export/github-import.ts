/** @module Reads the text files of a GitHub repository's branch (one tree listing, one blob read per file), for importing into a project. */
import { Octokit } from "@octokit/core";
import { isSafeFilePath } from "../protocol/file-path.ts";
import { github, type ExportFile } from "./github.ts";

export interface GitHubImportResult {
  files: (ExportFile & { language: string })[];
  branch: string;
  commit_sha: string;
  /** Paths left out: binary, too large, past the file limit, or not a safe relative path. */
  skipped: string[];
}

/** What an import takes at most: files past these are skipped, not truncated. */
export const IMPORT_LIMITS = { files: 500, fileBytes: 512 * 1024 };

const LANGUAGES: Record<string, string> = {
  ts: "typescript", tsx: "typescript", js: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript",
  json: "json", css: "css", html: "html", md: "markdown", py: "python", sql: "sql", yml: "yaml", yaml: "yaml", toml: "toml", sh: "shell",
};
export const languageOf = (path: string) => LANGUAGES[path.split(".").pop()?.toLowerCase() ?? ""] ?? "text";

function decodeText(base64: string): string | null {
  const bytes = Uint8Array.from(atob(base64.replace(/\n/g, "")), (c) => c.charCodeAt(0));
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const NOT_FOUND = "not found (or private: give a token with access)";

/**
 * The UTF-8 text files of `owner/repo` at `branch` (default branch when absent).
 * Public repositories need no token; the token, when given, is used for these calls only.
 */
export async function importFromGitHub(options: { repo: string; branch?: string; token?: string; baseUrl?: string }): Promise<GitHubImportResult> {
  const [owner, repo] = options.repo.split("/") as [string, string];
  const octokit = new Octokit({ ...(options.token ? { auth: options.token } : {}), baseUrl: options.baseUrl ?? "https://api.github.com" });
  const info = await github("reading the repository", () => octokit.request("GET /repos/{owner}/{repo}", { owner, repo }), NOT_FOUND);
  const branch = options.branch ?? info.default_branch ?? "main";
  const ref = await github("reading the branch", () => octokit.request("GET /repos/{owner}/{repo}/git/ref/{ref}", { owner, repo, ref: `heads/${branch}` }), NOT_FOUND);
  const commit = await github("reading the commit", () => octokit.request("GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { owner, repo, commit_sha: ref.object.sha }), NOT_FOUND);
  const tree = await github("listing the files", () => octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", { owner, repo, tree_sha: commit.tree.sha, recursive: "1" }), NOT_FOUND);
  const blobs = tree.tree.filter((entry) => entry.type === "blob" && entry.path && entry.sha);
  const skipped: string[] = [];
  const files: GitHubImportResult["files"] = [];
  for (const entry of blobs) {
    if (files.length >= IMPORT_LIMITS.files || (entry.size ?? 0) > IMPORT_LIMITS.fileBytes || !isSafeFilePath(entry.path!)) {
      skipped.push(entry.path!);
      continue;
    }
    const blob = await github(`reading ${entry.path}`, () => octokit.request("GET /repos/{owner}/{repo}/git/blobs/{file_sha}", { owner, repo, file_sha: entry.sha! }), NOT_FOUND);
    const content = decodeText(blob.content);
    if (content === null) skipped.push(entry.path!);
    else files.push({ path: entry.path!, content, language: languageOf(entry.path!) });
  }
  return { files, branch, commit_sha: ref.object.sha, skipped };
}
