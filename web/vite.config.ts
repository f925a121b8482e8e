/** @module Vite build of the SPA: `web/` is the root, `web/dist` the static output, `shared/` imported as source. */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { themeBootScript } from "./src/lib/theme.ts";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root: webRoot,
  // Relative to the root, so `vite build web` and the Node API (local/web/build.ts) agree.
  envDir: repoRoot,
  plugins: [
    react(),
    // The chosen theme is set before the first paint: an inline script ahead of the stylesheet and the app.
    { name: "codeforge-theme-boot", transformIndexHtml: (html) => html.replace("<!-- codeforge:theme -->", themeBootScript()) },
  ],
  server: { fs: { allow: [repoRoot] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // The shell's libraries in chunks of their own: they change less often than the app, so stay cached.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: "router", test: /node_modules[\\/](react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/ },
            { name: "supabase", test: /node_modules[\\/](@supabase|iceberg-js|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
});
