/**
 * @module Bundles an untrusted app for the sandbox's page with esbuild (native: the runner is a
 * server process, and the WebAssembly build is ~10× slower here): the app from its
 * index.html entry, and its tests (every `*.test.ts(x)` after `src/test/setup.ts`) with `vitest`
 * mapped to the in-page runner. Files come from memory; packages only from an allowlist in our
 * own node_modules, so no import reaches the disk or the network.
 */
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

/** One file of the app. */
export interface AppFile {
  path: string;
  content: string;
}

/** A bundle failure with where it happened. */
export interface BuildProblem {
  file?: string;
  line?: number;
  message: string;
}

export interface Bundles {
  app?: { js: string; css: string };
  tests?: { js: string; files: string[] };
  problems: BuildProblem[];
  ms: number;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const SHIM = fileURLToPath(new URL("./page/vitest-shim.ts", import.meta.url));
const LOADERS: Record<string, esbuild.Loader> = { ts: "ts", tsx: "tsx", js: "js", jsx: "jsx", mjs: "js", css: "css", json: "json", svg: "text", txt: "text" };
/** Packages an app and its tests may import: what the generated app and its tests use. */
const PACKAGES = /^(?:react|react-dom|react-router|react-router-dom|@testing-library\/react|@testing-library\/dom)(?:\/[\w.-]+)*$/;
const EXTENSIONS = ["", ".tsx", ".ts", ".jsx", ".js", ".css", ".json", "/index.tsx", "/index.ts", "/index.jsx", "/index.js"];
export const TEST_FILE = /\.(test|spec)\.[jt]sx?$/;
export const TEST_SETUP = "src/test/setup.ts";

/** `a/b/../c` → `a/c`, without a leading slash; null when it leaves the project. */
export function normalize(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (!part || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
const dirOf = (path: string) => path.split("/").slice(0, -1).join("/");

/** The module script index.html loads (Vite's convention), or src/main.tsx. */
function entryOf(files: Map<string, string>): string | undefined {
  const src = /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(files.get("index.html") ?? "")?.[1];
  return [...(src ? [normalize(src) ?? ""] : []), "src/main.tsx", "src/main.ts", "src/main.jsx", "src/index.tsx"].find((path) => files.has(path));
}

function plugin(files: Map<string, string>, testEntry: string): esbuild.Plugin {
  return {
    name: "codeforge-sandbox",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: args.path === "@tests" ? "tests" : "project" };
        if (args.path === "vitest") return { path: SHIM };
        if (args.namespace !== "project" && args.namespace !== "tests") return undefined;
        if (args.path.startsWith("@file:")) return { path: args.path.slice(6), namespace: "marker" };
        if (!args.path.startsWith(".") && !args.path.startsWith("/")) {
          if (PACKAGES.test(args.path) && !args.path.split("/").includes("..")) return undefined;
          return { errors: [{ text: `The package "${args.path}" is not available in the sandbox (react, react-dom, react-router-dom and @testing-library are)` }] };
        }
        const base = args.path.startsWith("/") ? args.path : `${dirOf(args.importer)}/${args.path}`;
        const found = EXTENSIONS.map((ext) => normalize(base + ext)).find((path) => path !== null && files.has(path));
        if (!found) return { errors: [{ text: `Cannot find "${args.path}" (imported by ${args.importer})` }] };
        return { path: found, namespace: "project" };
      });
      build.onLoad({ filter: /.*/, namespace: "project" }, (args) => ({ contents: files.get(args.path)!, loader: LOADERS[args.path.split(".").pop() ?? ""] ?? "text", resolveDir: ROOT }));
      build.onLoad({ filter: /.*/, namespace: "tests" }, () => ({ contents: testEntry, loader: "js", resolveDir: ROOT }));
      build.onLoad({ filter: /.*/, namespace: "marker" }, (args) => ({ contents: `import { __sandboxFile } from "vitest";\n__sandboxFile(${JSON.stringify(args.path)});\n`, loader: "js", resolveDir: ROOT }));
    },
  };
}

const OPTIONS: esbuild.BuildOptions = {
  bundle: true,
  write: false,
  outdir: "/out",
  format: "esm",
  platform: "browser",
  target: "es2022",
  jsx: "automatic",
  // Development React: readable errors, and `act()` for the tests.
  define: { "process.env.NODE_ENV": '"development"' },
  nodePaths: [`${ROOT}/node_modules`],
  absWorkingDir: ROOT,
  logLevel: "silent",
};

async function bundle(entry: string, files: Map<string, string>, testEntry = ""): Promise<{ js: string; css: string } | BuildProblem[]> {
  try {
    const result = await esbuild.build({ ...OPTIONS, entryPoints: [entry], plugins: [plugin(files, testEntry)] });
    const text = (ext: string) => result.outputFiles!.filter((file) => file.path.endsWith(ext)).map((file) => file.text).join("\n");
    return { js: text(".js"), css: text(".css") };
  } catch (error) {
    const failure = error as { errors?: esbuild.Message[] };
    if (!failure.errors) throw error;
    return failure.errors.slice(0, 10).map((m) => ({ ...(m.location ? { file: m.location.file.replace(/^project:/, ""), line: m.location.line } : {}), message: m.text }));
  }
}

/**
 * The app's bundle (from index.html's module script) and its tests' bundle.
 * A file that does not bundle is a problem with file and line, not an exception.
 * @example const { app, tests, problems } = await bundleApp(files);
 */
export async function bundleApp(appFiles: AppFile[]): Promise<Bundles> {
  const started = performance.now();
  const files = new Map<string, string>();
  const problems: BuildProblem[] = [];
  for (const file of appFiles) {
    const path = normalize(file.path);
    if (path === null || path === "") problems.push({ file: file.path, message: "the path leaves the project folder" });
    else files.set(path, file.content);
  }
  const entry = entryOf(files);
  if (!entry) return { problems: [...problems, { file: "index.html", message: "no entry module: index.html loads none, and there is no src/main.tsx" }], ms: performance.now() - started };
  const testFiles = [...files.keys()].filter((path) => TEST_FILE.test(path)).sort();
  const testEntry = [
    ...(files.has(TEST_SETUP) ? [`import ${JSON.stringify(`./${TEST_SETUP}`)};`] : []),
    ...testFiles.flatMap((path) => [`import "@file:${path}";`, `import ${JSON.stringify(`./${path}`)};`]),
    `import { __sandboxRun } from "vitest";`,
    "__sandboxRun();",
  ].join("\n");
  const [app, tests] = await Promise.all([bundle(entry, files), testFiles.length ? bundle("@tests", files, testEntry) : Promise.resolve(undefined)]);
  const result: Bundles = { problems, ms: 0 };
  if (Array.isArray(app)) problems.push(...app);
  else result.app = app;
  if (Array.isArray(tests)) problems.push(...tests);
  else if (tests) result.tests = { js: tests.js, files: testFiles };
  result.ms = performance.now() - started;
  return result;
}
