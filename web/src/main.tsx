/** @module Entry: mounts the router inside the session provider, or explains how to configure the backend. */
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router-dom";
import "./app.css";
import { isConfigured } from "./lib/supabase.ts";
import { SessionProvider } from "./hooks/use-session.tsx";
import { router } from "./routes.tsx";

const root = createRoot(document.getElementById("root")!);
root.render(
  isConfigured ? (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  ) : (
    <main className="page-narrow">
      <h1>CodeForge is not configured</h1>
      <p>
        Build the app with <code>VITE_SUPABASE_URL</code> and <code>VITE_SUPABASE_ANON_KEY</code> set, or open it from <code>npm start</code>, which
        serves it with the local stack's URL and key.
      </p>
    </main>
  ),
);
