/** @module Keeps the Studio current: reloads when the project's orders or products change (Realtime postgres_changes), and after each (re)join. */
import { useEffect, useState } from "react";
import { subscribeChannel, type LiveStatus } from "../lib/realtime.ts";

export function useStudioLive(projectId: string, onOrders: () => void, onProducts: () => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  useEffect(
    () =>
      subscribeChannel(
        `studio:${projectId}:{unique}`,
        (channel) =>
          channel
            .on("postgres_changes", { event: "*", schema: "public", table: "orders", filter: `project_id=eq.${projectId}` }, onOrders)
            .on("postgres_changes", { event: "*", schema: "public", table: "products", filter: `project_id=eq.${projectId}` }, onProducts),
        setStatus,
        () => {
          onOrders();
          onProducts();
        },
      ),
    // The callbacks reload resources; only a new project needs a new channel.
    [projectId],
  );
  return status;
}
