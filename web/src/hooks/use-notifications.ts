/** @module The user's notifications, live: reloaded on every change Realtime delivers (RLS sends only theirs). */
import { useEffect, useState } from "react";
import { fetchNotifications, markRead, type Notification } from "../data/notifications.ts";
import { subscribeChannel, type LiveStatus } from "../lib/realtime.ts";
import { useResource } from "./use-resource.ts";

export function useNotifications(userId: string | null) {
  const resource = useResource<{ items: Notification[]; unread: number }>(userId ? `notifications:${userId}` : null, () => fetchNotifications());
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const { reload } = resource;
  useEffect(() => {
    if (!userId) return;
    return subscribeChannel(
      "notifications:{unique}",
      (channel) => channel.on("postgres_changes", { event: "*", schema: "public", table: "notifications", filter: `user_id=eq.${userId}` }, reload),
      setStatus,
      reload,
    );
  }, [userId, reload]);
  return {
    ...resource,
    status,
    async markRead(ids?: string[]) {
      await markRead(ids);
      reload();
    },
  };
}
