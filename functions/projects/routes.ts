/** @module Project exports: to GitHub as one commit (docs/api.md) and as a zip download; imports from GitHub; each GitHub run recorded in repo_syncs. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { GitHubExportRequest, GitHubImportRequest, isSafeFilePath, ProjectIdParams } from "../../shared/protocol/index.ts";
import { exportToGitHub, type ExportFile } from "../../shared/export/github.ts";
import { importFromGitHub } from "../../shared/export/github-import.ts";
import { zipFiles } from "../../shared/export/zip.ts";
import { callerOf, type FunctionContext } from "../_shared/context.ts";
import { requireOwnProject } from "../_shared/jobs-api.ts";
import { corsHeaders, json, matchRoute, parse, readJson } from "../_shared/http.ts";
import { recordedSync } from "./repo-syncs.ts";
import { AppError, dbError } from "../../shared/errors.ts";

interface OwnProject {
  title: string;
  files: ExportFile[];
}

/** The caller's project and its files (404 when the caller cannot see it; 409 when it has no files yet). */
async function readProject(db: SupabaseClient, projectId: string): Promise<OwnProject> {
  const { data, error } = await db.from("projects").select("title, project_files(path, content)").eq("id", projectId).maybeSingle();
  if (error) throw dbError(error, `reading project ${projectId}`);
  if (!data) throw new AppError("not_found", "No such project.");
  const files = (data.project_files as { path: string; content: string | null }[])
    .map((file) => ({ path: file.path, content: file.content ?? "" }))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (!files.length) throw new AppError("no_files", "The project has no files yet: build it first.");
  const unsafe = files.filter((file) => !isSafeFilePath(file.path)).map((file) => file.path);
  if (unsafe.length) throw new AppError("unsafe_path", `The project has files whose paths are not normalised relative paths; rename them first: ${unsafe.join(", ")}`, { paths: unsafe });
  return { title: data.title as string, files };
}

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "project";

export async function routeProjects(request: Request, { env }: FunctionContext): Promise<Response> {
  const path = new URL(request.url).pathname;
  let params: Record<string, string> | null;
  if (request.method === "POST" && (params = matchRoute("/projects/:project_id/export/github", path))) {
    const { project_id } = parse(ProjectIdParams, params, "project id");
    const body = parse(GitHubExportRequest, await readJson(request));
    const { db, userId } = await callerOf(env, request);
    const project = await readProject(db, project_id);
    const { sync_id, outcome } = await recordedSync(env, { projectId: project_id, userId, direction: "export", repo: body.repo_name }, async () => {
      const result = await exportToGitHub({
        token: body.github_token,
        repoName: body.repo_name,
        files: project.files,
        message: `Export ${project.title} from CodeForge`,
        baseUrl: env.GITHUB_API_URL,
      });
      return { ...result, files_count: result.files_pushed };
    });
    const { files_count: _count, ...result } = outcome;
    return json(result, 200, { "x-sync-id": sync_id });
  }
  if (request.method === "POST" && (params = matchRoute("/projects/:project_id/import/github", path))) {
    const { project_id } = parse(ProjectIdParams, params, "project id");
    const body = parse(GitHubImportRequest, await readJson(request));
    const { db, userId } = await callerOf(env, request);
    await requireOwnProject(db, project_id);
    const { sync_id, outcome } = await recordedSync(env, { projectId: project_id, userId, direction: "import", repo: body.repo, ...(body.branch ? { branch: body.branch } : {}) }, async () => {
      const read = await importFromGitHub({ repo: body.repo, ...(body.branch ? { branch: body.branch } : {}), ...(body.github_token ? { token: body.github_token } : {}), ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) });
      if (!read.files.length) throw new AppError("nothing_to_import", `${body.repo} has no text files on ${read.branch}.`);
      // One statement as the caller: RLS checks the project, and the files land all or none.
      const { error } = await db.rpc("import_project_files", { p_project_id: project_id, p_files: read.files });
      if (error) throw dbError(error, `writing the files`);
      return { files_count: read.files.length, commit_sha: read.commit_sha, branch: read.branch, skipped: read.skipped };
    });
    return json({ sync_id, status: "SUCCESS", ...outcome });
  }
  if (request.method === "GET" && (params = matchRoute("/projects/:project_id/export/zip", path))) {
    const { project_id } = parse(ProjectIdParams, params, "project id");
    const { db } = await callerOf(env, request);
    const project = await readProject(db, project_id);
    const name = slug(project.title);
    return new Response(zipFiles(name, project.files), {
      headers: { ...corsHeaders, "content-type": "application/zip", "content-disposition": `attachment; filename="${name}.zip"` },
    });
  }
  throw new AppError("not_found", `No endpoint ${request.method} ${path}.`);
}
