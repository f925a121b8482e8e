/** @module The signed-in user's model settings and this month's spend. */
import { fetchLlmSettings, type LlmSettings } from "../data/llm-settings.ts";
import { useResource, type Resource } from "./use-resource.ts";
import { useSession } from "./use-session.tsx";

export function useLlmSettings(): Resource<LlmSettings> {
  const userId = useSession().user?.id;
  return useResource(userId ? `llm-settings:${userId}` : null, fetchLlmSettings);
}
