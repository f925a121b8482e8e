/** @module The comment threads of one file, live: new comments (an AI answer included) reload them. */
import { useEffect, useState } from "react";
import { fetchThreads, type CommentThread } from "../data/comments.ts";
import { subscribeChannel, type LiveStatus } from "../lib/realtime.ts";
import { useResource } from "./use-resource.ts";

export function useCommentThreads(projectId: string, path: string) {
  const resource = useResource<CommentThread[]>(`threads:${projectId}:${path}`, () => fetchThreads(projectId, path));
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const { reload } = resource;
  useEffect(
    () =>
      subscribeChannel(
        "comments:{unique}",
        (channel) =>
          channel
            .on("postgres_changes", { event: "*", schema: "public", table: "comment_threads", filter: `project_id=eq.${projectId}` }, reload)
            .on("postgres_changes", { event: "INSERT", schema: "public", table: "comments" }, reload),
        setStatus,
        reload,
      ),
    [projectId, path, reload],
  );
  return { ...resource, status };
}
