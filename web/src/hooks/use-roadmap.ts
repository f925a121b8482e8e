/** @module The project's newest learning roadmap. */
import { fetchRoadmap, type Roadmap } from "../data/roadmaps.ts";
import { useResource, type Resource } from "./use-resource.ts";

/** @param version changes when the project does, to read again. */
export function useRoadmap(projectId: string, version: string): Resource<Roadmap | null> {
  return useResource(`roadmap:${projectId}:${version}`, () => fetchRoadmap(projectId));
}
