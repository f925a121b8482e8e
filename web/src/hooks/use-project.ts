/** @module One project, kept current over Realtime (the agents write its specs and status while the user watches). */
import { useEffect, useState } from "react";
import { fetchProject, type Project } from "../data/projects.ts";
import { subscribeChannel } from "../lib/realtime.ts";

/**
 * The project the route loader read, then every later version of it.
 * `deleted` turns true when it is deleted (here or in another tab).
 */
export function useProject(initial: Project): { project: Project; deleted: boolean } {
  const [project, setProject] = useState(initial);
  const [deleted, setDeleted] = useState(false);
  const id = initial.id;
  useEffect(() => setProject(initial), [initial]);
  useEffect(() => {
    const refresh = () =>
      void fetchProject(id).then(
        (row) => (row ? setProject(row) : setDeleted(true)),
        () => undefined,
      );
    return subscribeChannel(
      "project:{unique}",
      (channel) =>
        channel
          .on("postgres_changes", { event: "UPDATE", schema: "public", table: "projects", filter: `id=eq.${id}` }, (payload) =>
            setProject((current) => ({ ...current, ...(payload.new as Partial<Project>) })),
          )
          .on("postgres_changes", { event: "DELETE", schema: "public", table: "projects" }, (payload) => {
            if ((payload.old as { id?: string }).id === id) setDeleted(true);
          }),
      () => undefined,
      refresh,
    );
  }, [id]);
  return { project, deleted };
}
