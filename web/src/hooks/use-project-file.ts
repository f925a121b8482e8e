/** @module One file of a project with its content and version, for the editor. */
import { fetchFile, type ProjectFile } from "../data/files.ts";
import { appError } from "../lib/errors.ts";
import { useResource, type Resource } from "./use-resource.ts";

export function useProjectFile(projectId: string, path: string | null): Resource<ProjectFile> {
  return useResource(path ? `file:${projectId}:${path}` : null, async () => {
    const file = await fetchFile(projectId, path!);
    if (!file) throw appError("not_found", `There is no file ${path} in this project.`);
    return file;
  });
}
