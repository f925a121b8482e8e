/** @module The project's file versions (manifests), newest first, each with its integrity problems. */
import { fetchVersions, type Version } from "../data/history.ts";
import { useResource, type Resource } from "./use-resource.ts";

export function useVersions(projectId: string, refreshKey = ""): Resource<Version[]> {
  return useResource(`versions:${projectId}:${refreshKey}`, () => fetchVersions(projectId));
}
