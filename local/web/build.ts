/** @module Builds the SPA into `web/dist` when its sources changed since the last build (`npm start` calls this before serving). */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { WEB_DIST } from "./index.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** What the bundle is made of: the app, the shared code it imports, the build config and the installed versions. */
const INPUTS = ["web/src", "web/public", "web/index.html", "web/vite.config.ts", "shared/protocol", "package-lock.json"];
const STAMP = ".build-hash";

async function files(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => null);
  if (!entries) return [path];
  const nested = await Promise.all(
    entries.filter((entry) => !entry.name.endsWith(".test.ts")).map((entry) => (entry.isDirectory() ? files(join(path, entry.name)) : [join(path, entry.name)])),
  );
  return nested.flat();
}

/** A hash of every input file's path and content (mtimes change on checkout; contents do not). */
export async function sourceHash(root = ROOT): Promise<string> {
  const hash = createHash("sha256");
  const all = (await Promise.all(INPUTS.map((input) => files(join(root, input))))).flat().sort();
  for (const file of all) {
    const content = await readFile(file).catch(() => null);
    if (content === null) continue;
    hash.update(relative(root, file)).update("\0").update(content).update("\0");
  }
  return hash.digest("hex");
}

/** Runs Vite's production build of `web/` into `outDir`. */
async function viteBuild(outDir: string, verbose: boolean): Promise<void> {
  const { build } = await import("vite");
  // Vite follows NODE_ENV, and vitest sets it to "test": React's development build would be bundled.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(ROOT, "web/vite.config.ts"), mode: "production", logLevel: verbose ? "info" : "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export interface WebBuildOutcome {
  built: boolean;
  ms: number;
}

/**
 * Builds `web/dist` unless its stamp matches the sources. The build goes to a
 * temporary directory that then replaces `web/dist`, so a server never serves
 * half a build, and two processes building at once both end with a whole one.
 */
export async function ensureWebBuild(options: { force?: boolean; quiet?: boolean; inPlace?: boolean; log?: (line: string) => void } = {}): Promise<WebBuildOutcome> {
  const started = performance.now();
  const hash = await sourceHash();
  const current = await readFile(join(WEB_DIST, STAMP), "utf8").catch(() => null);
  if (!options.force && current === hash) return { built: false, ms: performance.now() - started };
  options.log?.("Building the web app (web/dist)…");
  if (options.inPlace) {
    await viteBuild(WEB_DIST, options.quiet === false);
    await writeFile(join(WEB_DIST, STAMP), hash);
    return { built: true, ms: performance.now() - started };
  }
  // Scratch space under node_modules/.cache (ignored by git, same file system as web/dist).
  const scratch = join(ROOT, "node_modules/.cache/codeforge-web");
  await mkdir(scratch, { recursive: true });
  const temporary = join(scratch, `build-${process.pid}-${Date.now()}`);
  await viteBuild(temporary, options.quiet === false);
  await writeFile(join(temporary, STAMP), hash);
  const old = join(scratch, `old-${process.pid}-${Date.now()}`);
  await rename(WEB_DIST, old).catch(() => undefined);
  await rename(temporary, WEB_DIST).catch(async () => {
    // Another process put its (equally fresh) build in place first.
    await rm(temporary, { recursive: true, force: true });
  });
  await rm(old, { recursive: true, force: true });
  return { built: true, ms: performance.now() - started };
}

// `npm run build`: always build, and print Vite's table of chunk sizes.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ms } = await ensureWebBuild({ force: true, quiet: false, inPlace: true });
  console.log(`web/dist built in ${Math.round(ms)} ms`);
}
