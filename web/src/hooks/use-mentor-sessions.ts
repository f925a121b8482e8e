/** @module The project's mentor sessions, newest first. */
import { fetchSessions, type MentorSession } from "../data/sessions.ts";
import { useResource, type Resource } from "./use-resource.ts";

export function useMentorSessions(projectId: string): Resource<MentorSession[]> {
  return useResource(`sessions:${projectId}`, () => fetchSessions(projectId));
}
