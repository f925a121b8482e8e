/** @module The app's router: lazily loaded pages under one error boundary, signed-out visitors sent to sign in. */
import { createBrowserRouter, redirect } from "react-router-dom";
import { AppShell } from "./components/app-shell/index.tsx";
import { RouteError } from "./components/route-error/index.tsx";
import { supabase } from "./lib/supabase.ts";
import { routes } from "./paths.ts";

/** Sends a signed-out visitor to sign in, and back here afterwards. */
async function requireSession({ request }: { request: Request }) {
  const { data } = await supabase().auth.getSession();
  if (!data.session) {
    const url = new URL(request.url);
    throw redirect(routes.signIn(url.pathname + url.search));
  }
  return null;
}

async function homeLoader() {
  const { data } = await supabase().auth.getSession();
  return redirect(data.session ? routes.projects() : routes.signIn());
}

export const router = createBrowserRouter([
  {
    Component: AppShell,
    HydrateFallback: () => null,
    children: [
      {
        // One boundary for every route: errors in words, with a way back; the header stays.
        ErrorBoundary: RouteError,
        children: [
          { index: true, loader: homeLoader, Component: () => null },
          { path: "sign-in", lazy: () => import("./pages/sign-in.tsx") },
          { path: "sign-up", lazy: () => import("./pages/sign-up.tsx") },
          {
            loader: requireSession,
            children: [
              { path: "projects", lazy: () => import("./pages/projects.tsx") },
              { path: "profile", lazy: () => import("./pages/profile.tsx") },
              { path: "settings", lazy: () => import("./pages/settings.tsx") },
              {
                path: "chat",
                lazy: () => import("./pages/chat.tsx"),
                children: [
                  { index: true, lazy: () => import("./pages/chat-index.tsx") },
                  { path: ":threadId", lazy: () => import("./pages/chat-thread.tsx") },
                ],
              },
              {
                path: "projects/:projectId",
                lazy: () => import("./pages/project.tsx"),
                children: [
                  { index: true, lazy: () => import("./pages/project-build.tsx") },
                  { path: "spec", lazy: () => import("./pages/project-spec.tsx") },
                  { path: "files/*", lazy: () => import("./pages/project-files.tsx") },
                  { path: "history", lazy: () => import("./pages/project-history.tsx") },
                  { path: "export", lazy: () => import("./pages/project-export.tsx") },
                  { path: "versions", lazy: () => import("./pages/project-versions.tsx") },
                  { path: "refactor", lazy: () => import("./pages/project-refactor.tsx") },
                  { path: "learn", lazy: () => import("./pages/project-learn.tsx") },
                  { path: "preview", lazy: () => import("./pages/project-preview.tsx") },
                  { path: "studio", lazy: () => import("./pages/project-studio.tsx") },
                ],
              },
            ],
          },
          { path: "*", lazy: () => import("./pages/not-found.tsx") },
        ],
      },
    ],
  },
]);
