/** @module Project exports: to GitHub as one commit (seed 003 §5.8) and as a zip download. */
import type { SupabaseClient } from "@supabase/supabase-js";
import { GitHubExportRequest, ProjectIdParams } from "../../shared/protocol/index.ts";
import { exportToGitHub, isGitHubExportError, type ExportFile } from "../../shared/export/github.ts";
import { zipFiles } from "../../shared/export/zip.ts";
import { callerOf, type FunctionEnv } from "../_shared/context.ts";
import { corsHeaders, HttpError, json, matchRoute, parse, readJson } from "../_shared/http.ts";

interface OwnProject {
  title: string;
  files: ExportFile[];
}

/** The caller's project and its files (404 when the caller cannot see it; 409 when it has no files yet). */
async function readProject(db: SupabaseClient, projectId: string): Promise<OwnProject> {
  const { data, error } = await db.from("projects").select("title, project_files(path, content)").eq("id", projectId).maybeSingle();
  if (error) throw new Error(`reading project ${projectId}: ${error.message}`);
  if (!data) throw new HttpError(404, "not_found", "No such project.");
  const files = (data.project_files as { path: string; content: string | null }[])
    .map((file) => ({ path: file.path, content: file.content ?? "" }))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (!files.length) throw new HttpError(409, "no_files", "The project has no files yet: build it first.");
  return { title: data.title as string, files };
}

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "project";

export async function routeProjects(request: Request, env: FunctionEnv): Promise<Response> {
  const path = new URL(request.url).pathname;
  let params: Record<string, string> | null;
  if (request.method === "POST" && (params = matchRoute("/projects/:project_id/export/github", path))) {
    const { project_id } = parse(ProjectIdParams, params, "project id");
    const body = parse(GitHubExportRequest, await readJson(request));
    const { db } = await callerOf(env, request);
    const project = await readProject(db, project_id);
    try {
      const result = await exportToGitHub({
        token: body.github_token,
        repoName: body.repo_name,
        files: project.files,
        message: `Export ${project.title} from CodeForge`,
        baseUrl: env.GITHUB_API_URL,
      });
      return json(result);
    } catch (error) {
      if (!isGitHubExportError(error)) throw error;
      // The token is the user's, for this call only: it appears in no message or log.
      if (error.status >= 500 || error.status === 0) throw new HttpError(502, "github_unavailable", error.message);
      throw new HttpError(400, error.status === 401 ? "github_token_rejected" : "github_refused", error.message);
    }
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
  throw new HttpError(404, "not_found", `No endpoint ${request.method} ${path}.`);
}
