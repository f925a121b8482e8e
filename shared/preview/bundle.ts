/**
 * @module Bundles a project's Vite + React app into one self-contained HTML page
 * with esbuild-wasm (no native binary, no install script, no download: the
 * WebAssembly build ships in the npm package), for a sandboxed preview.
 */
import * as esbuild from "esbuild-wasm";
import { AppError } from "../errors.ts";

export interface PreviewFile {
  path: string;
  content: string;
}

export interface PreviewBundle {
  html: string;
  /** esbuild's wall time, in milliseconds. */
  buildMs: number;
}

export interface BundleOptions {
  /** Folders holding the packages the app imports (react, react-dom, react-router-dom). */
  nodePaths: string[];
}

/** A bundling failure caused by the project's files (a missing import, a syntax error): the user's to fix. */

const LOADERS: Record<string, esbuild.Loader> = { ts: "ts", tsx: "tsx", js: "js", jsx: "jsx", mjs: "js", css: "css", json: "json", svg: "text", txt: "text" };
/** The packages a preview may import (what the generated app uses), by name and subpath; never a path out of them. */
const PACKAGES = /^(?:react|react-dom|react-router|react-router-dom)(?:\/[\w.-]+)*$/;
const EXTENSIONS = ["", ".tsx", ".ts", ".jsx", ".js", ".css", ".json", "/index.tsx", "/index.ts", "/index.jsx", "/index.js"];
const DEFAULT_HTML = `<!doctype html>\n<html lang="en">\n<head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>Preview</title></head>\n<body><div id="root"></div></body>\n</html>\n`;

/** `a/b/../c` → `a/c`, without a leading slash. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
const dirOf = (path: string) => path.split("/").slice(0, -1).join("/");

/** The module script index.html loads (Vite's convention), or the usual entry files. */
function entryOf(files: Map<string, string>, html: string): string {
  const src = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
  const candidates = [...(src ? [normalize(src)] : []), "src/main.tsx", "src/main.ts", "src/main.jsx", "src/main.js", "src/index.tsx", "src/index.js"];
  const entry = candidates.find((path) => files.has(path));
  if (!entry) throw new AppError("build_failed", "No entry module: index.html loads none, and there is no src/main.tsx.");
  return entry;
}

/** Keeps inlined code from closing its own element. */
const inline = (text: string, tag: "script" | "style") => text.replace(new RegExp(`</(${tag})`, "gi"), "<\\/$1");

/**
 * Project files come from memory; packages from `nodePaths`. `BrowserRouter`
 * becomes `MemoryRouter`: the page is shown in an iframe whose URL is the
 * preview's, not the app's routes.
 */
function projectPlugin(files: Map<string, string>, root: string): esbuild.Plugin {
  return {
    name: "codeforge-preview",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: "project" };
        if (args.namespace !== "project") return undefined;
        if (args.path === "react-router-dom") return { path: args.path, namespace: "router-shim" };
        if (!args.path.startsWith(".") && !args.path.startsWith("/")) {
          // The project is untrusted: a bare path like "react/../../secrets.json" must not reach the server's disk.
          if (PACKAGES.test(args.path) && !args.path.split("/").includes("..")) return undefined;
          return { errors: [{ text: `The package "${args.path}" is not available in previews (only react, react-dom and react-router-dom are)` }] };
        }
        const base = args.path.startsWith("/") ? args.path : `${dirOf(args.importer)}/${args.path}`;
        const found = EXTENSIONS.map((ext) => normalize(base + ext)).find((path) => files.has(path));
        if (!found) return { errors: [{ text: `Cannot find ${args.path} (imported by ${args.importer})` }] };
        return { path: found, namespace: "project" };
      });
      build.onLoad({ filter: /.*/, namespace: "project" }, (args) => ({
        contents: files.get(args.path)!,
        loader: LOADERS[args.path.split(".").pop() ?? ""] ?? "text",
        resolveDir: root,
      }));
      build.onLoad({ filter: /.*/, namespace: "router-shim" }, () => ({
        contents: `export * from "react-router-dom";\nexport { MemoryRouter as BrowserRouter } from "react-router-dom";\n`,
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}

/**
 * Bundles the app that `files` hold into one HTML page (scripts and styles
 * inlined), starting from the module index.html loads.
 * @example const { html } = await bundlePreview(files, { nodePaths: ["/app/node_modules"] });
 */
export async function bundlePreview(files: PreviewFile[], options: BundleOptions): Promise<PreviewBundle> {
  const byPath = new Map(files.map((file) => [normalize(file.path), file.content]));
  const page = byPath.get("index.html") ?? DEFAULT_HTML;
  const entry = entryOf(byPath, page);
  const root = options.nodePaths[0]!.replace(/\/node_modules\/?$/, "") || "/";
  const started = performance.now();
  let result: esbuild.BuildResult & { outputFiles: esbuild.OutputFile[] };
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      outdir: "/preview",
      format: "esm",
      platform: "browser",
      target: "es2020",
      jsx: "automatic",
      minify: true,
      define: { "process.env.NODE_ENV": '"production"' },
      nodePaths: options.nodePaths,
      absWorkingDir: root,
      logLevel: "silent",
      plugins: [projectPlugin(byPath, root)],
    });
  } catch (error) {
    const failure = error as { errors?: esbuild.Message[] };
    if (!failure.errors) throw error;
    const lines = failure.errors.slice(0, 5).map((message) => `${message.location ? `${message.location.file.replace(/^project:/, "")}:${message.location.line}: ` : ""}${message.text}`);
    throw new AppError("build_failed", `The app does not bundle: ${lines.join("; ")}`);
  }
  const buildMs = performance.now() - started;
  const js = result.outputFiles.filter((file) => file.path.endsWith(".js")).map((file) => file.text).join("\n");
  const css = result.outputFiles.filter((file) => file.path.endsWith(".css")).map((file) => file.text).join("\n");
  const withoutEntry = page.replace(/<script[^>]*type="module"[^>]*src="[^"]*"[^>]*>\s*<\/script>/gi, "");
  const head = css ? `<style>${inline(css, "style")}</style>\n` : "";
  const body = `<script type="module">${inline(js, "script")}</script>\n`;
  // Replacements are functions: the minified code holds `$&`-like sequences.
  const html = withoutEntry.includes("</head>") ? withoutEntry.replace("</head>", () => `${head}</head>`) : head + withoutEntry;
  return { html: html.includes("</body>") ? html.replace("</body>", () => `${body}</body>`) : html + body, buildMs };
}


