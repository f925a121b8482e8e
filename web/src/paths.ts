/** @module Every URL of the app, typed: the builders pages and components link with (the router lives in routes.tsx). */
const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");
const query = (params: Record<string, string | number | null | undefined>) => {
  const entries = Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== "" && value !== 1);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : "";
};

/**
 * Every URL of the app, typed.
 * @example <Link to={routes.projectFiles(project.id, "src/App.tsx")}>
 */
export const routes = {
  home: () => "/",
  signIn: (next?: string) => `/sign-in${next ? query({ next }) : ""}`,
  signUp: (next?: string) => `/sign-up${next ? query({ next }) : ""}`,
  projects: (page = 1) => `/projects${query({ page })}`,
  project: (id: string, job?: string | null) => `/projects/${id}${query({ job })}`,
  projectSpec: (id: string) => `/projects/${id}/spec`,
  projectFiles: (id: string, path?: string, line?: number | null) => `/projects/${id}/files${path ? `/${encodePath(path)}${line ? `?line=${line}` : ""}` : ""}`,
  projectHistory: (id: string, page = 1) => `/projects/${id}/history${query({ page })}`,
  projectExport: (id: string) => `/projects/${id}/export`,
  /** With a pair, the Compare section opens on the diff from `from` to `to`. */
  projectVersions: (id: string, pair?: { from: number; to: number }) => `/projects/${id}/versions${pair ? `?from=${pair.from}&to=${pair.to}` : ""}`,
  projectRefactor: (id: string) => `/projects/${id}/refactor`,
  projectLearn: (id: string) => `/projects/${id}/learn`,
  projectPreview: (id: string) => `/projects/${id}/preview`,
  projectStudio: (id: string) => `/projects/${id}/studio`,
  profile: () => "/profile",
  settings: () => "/settings",
  chat: () => "/chat",
  chatThread: (id: string) => `/chat/${id}`,
};
