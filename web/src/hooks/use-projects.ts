/** @module The user's projects, one page at a time, refreshed live when any of them changes (in this tab or another). */
import { useEffect, useState } from "react";
import { fetchProjectsPage, type ProjectSummary } from "../data/projects.ts";
import type { LiveStatus } from "../lib/realtime.ts";
import { subscribeChannel } from "../lib/realtime.ts";
import { useOnline } from "./use-online.ts";
import { useResource, type Resource } from "./use-resource.ts";
import { useSession } from "./use-session.tsx";

export function useProjects(page: number): Resource<{ rows: ProjectSummary[]; total: number }> & { live: LiveStatus | "offline" } {
  const userId = useSession().user?.id;
  const resource = useResource(userId ? `projects:${userId}:${page}` : null, () => fetchProjectsPage(page));
  const [live, setLive] = useState<LiveStatus>("connecting");
  const online = useOnline();
  const { reload } = resource;
  useEffect(() => {
    if (!userId) return;
    return subscribeChannel(
      "projects:{unique}",
      (channel) =>
        channel
          .on("postgres_changes", { event: "INSERT", schema: "public", table: "projects", filter: `user_id=eq.${userId}` }, () => reload())
          .on("postgres_changes", { event: "UPDATE", schema: "public", table: "projects", filter: `user_id=eq.${userId}` }, () => reload())
          // Supabase cannot filter DELETE events (they carry only the key): any delete triggers a reload.
          .on("postgres_changes", { event: "DELETE", schema: "public", table: "projects" }, () => reload()),
      setLive,
      // Every (re)join catches up on what changed while not subscribed.
      reload,
    );
  }, [userId, reload]);
  return { ...resource, live: online ? live : "offline" };
}
