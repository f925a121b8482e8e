/** @module /functions/v1: Edge Functions run in real Deno, one warm process per function, behind Supabase's verify_jwt check. */
import { existsSync, statSync, watch } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { HttpError, isHttpError } from "../http-error.ts";
import type { SurfacePlugin } from "../surface.ts";
import { npmSettings } from "./deno-binary.ts";
import { readFunctionsConfig, settingsOf, type FunctionsConfig, type FunctionSettings } from "./function-config.ts";
import { functionEnv } from "./function-env.ts";
import { BootError, FunctionProcess, type NpmSource } from "./function-process.ts";
import { checkJwt } from "./jwt-check.ts";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const PREFIX = "/functions/v1";
/** Supabase function slugs; `_shared` and other `_`/`.` folders are not functions. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

export interface FunctionsHostOptions {
  /** Folder with one sub-folder per function, `<name>/index.ts` (default: the repo's `functions/`). */
  dir?: string;
  /** Supabase CLI config whose `[functions.<name>]` tables set verify_jwt etc. (default: the repo's `supabase/config.toml`). */
  configPath?: string;
  /** Dotenv files with the functions' secrets, later ones winning (default: the repo's `.env`, then `supabase/functions/.env`). */
  envFiles?: string[];
  /** Extra environment variables for every function. */
  env?: Record<string, string>;
  /**
   * Where npm packages come from (default `node_modules`): the project's installed
   * node_modules (offline, no download; a function importing a package or version
   * not installed there falls back to `deno-cache` by itself), or Deno's cache under
   * `denoDir`, filled from the registry npm uses.
   */
  npm?: NpmSource;
  /** DENO_DIR for the functions (default `<dataDir>/deno`). */
  denoDir?: string;
  /** A function that has not called Deno.serve() by then fails to boot (default 30 s). */
  bootTimeoutMs?: number;
  /** How long background tasks may run on when the host closes (default 2 s). */
  drainMs?: number;
  /**
   * Restart functions when a file under `dir` or the repo's `shared/` changes, as the
   * Supabase CLI's `per_worker` policy does (default false; the `functions` export sets it).
   */
  watch?: boolean;
  /** Where function output goes (default: the console, prefixed with the function's name). */
  log?(name: string, line: string, stream: "stdout" | "stderr"): void;
}

interface ResolvedFunction {
  name: string;
  entrypoint: string;
  settings: FunctionSettings;
  denoConfig?: string;
}

const notFound = () => new HttpError(404, { code: "NOT_FOUND", message: "Requested function was not found" });

function defaultLog(name: string, line: string, stream: "stdout" | "stderr"): void {
  (stream === "stderr" ? console.error : console.log)(`[functions/${name}] ${line}`);
}

/**
 * The Edge Functions surface: `/functions/v1/<name>[/<sub-path>]` runs
 * `<dir>/<name>/index.ts` in its own Deno process, started on the first request and
 * kept warm until the stack closes; a process that crashes is started again by the
 * next request.
 *
 * @example
 * await startStack(config, [...defaultPlugins, functionsHost({ dir: "tests/local/fixtures/functions" })]);
 */
export function functionsHost(options: FunctionsHostOptions = {}): SurfacePlugin {
  const dir = options.dir ?? join(REPO, "functions");
  const configPath = options.configPath ?? join(REPO, "supabase", "config.toml");
  const envFiles = options.envFiles ?? [join(REPO, ".env"), join(REPO, "supabase", "functions", ".env")];
  const log = options.log ?? defaultLog;

  return {
    name: "functions",
    async setup({ config, keys, apiUrl }) {
      const denoDir = options.denoDir ?? join(config.dataDir, "deno");
      const npm = npmSettings(); // asked once, in the background, before the first boot needs it
      const running = new Map<string, FunctionProcess>();
      /** Replaced processes still draining (watch): close() waits for them too. */
      const retiring = new Set<Promise<void>>();
      const npmSource = new Map<string, NpmSource>();
      let functionsConfig: { mtimeMs: number; value: FunctionsConfig } | undefined;
      let closed = false;

      function readConfig(): FunctionsConfig {
        const mtimeMs = existsSync(configPath) ? statSync(configPath).mtimeMs : 0;
        if (functionsConfig?.mtimeMs !== mtimeMs) functionsConfig = { mtimeMs, value: readFunctionsConfig(configPath) };
        return functionsConfig.value;
      }

      function resolveFunction(name: string): ResolvedFunction {
        if (!NAME.test(name)) throw notFound();
        const settings = settingsOf(readConfig(), name);
        const entrypoint = settings.entrypoint ?? join(dir, name, "index.ts");
        if (!settings.enabled || !existsSync(entrypoint)) throw notFound();
        const own = dirname(entrypoint);
        const candidates = [join(own, "deno.json"), join(own, "deno.jsonc"), join(dir, "deno.json"), join(dir, "deno.jsonc")];
        const denoConfig = settings.importMap ?? candidates.find((path) => existsSync(path));
        return { name, entrypoint, settings, denoConfig };
      }

      async function boot(fn: ResolvedFunction): Promise<FunctionProcess> {
        const source = npmSource.get(fn.name) ?? options.npm ?? "node_modules";
        const { registry, cafile } = await npm;
        if (closed) throw new HttpError(503, { code: "SHUTTING_DOWN", message: "The functions host is closing" });
        const worker = FunctionProcess.start({
          name: fn.name,
          entrypoint: fn.entrypoint,
          denoConfig: fn.denoConfig,
          npm: source,
          env: functionEnv({ apiUrl, keys, envFiles, env: options.env }),
          denoDir,
          registry,
          cafile,
          cwd: REPO,
          bootTimeoutMs: options.bootTimeoutMs ?? 30_000,
          drainMs: options.drainMs ?? 2000,
          log: (line, stream) => log(fn.name, line, stream),
        });
        running.set(fn.name, worker);
        try {
          await worker.ready;
          return worker;
        } catch (error) {
          if (running.get(fn.name) === worker) running.delete(fn.name);
          if (error instanceof BootError && error.missingNpmPackage && source === "node_modules") {
            log(fn.name, "a package it imports is not in node_modules: using Deno's npm cache instead", "stderr");
            npmSource.set(fn.name, "deno-cache");
            return boot(fn);
          }
          throw error;
        }
      }

      const booting = new Map<string, Promise<FunctionProcess>>();

      /** The function's warm process, or a new one (requests arriving during a boot share it). */
      function processFor(fn: ResolvedFunction): Promise<FunctionProcess> {
        const warm = running.get(fn.name);
        if (warm?.alive && !booting.has(fn.name)) return Promise.resolve(warm);
        let pending = booting.get(fn.name);
        if (!pending) {
          pending = boot(fn).finally(() => booting.delete(fn.name));
          booting.set(fn.name, pending);
        }
        return pending;
      }

      async function serve(request: Request): Promise<Response> {
        const path = new URL(request.url).pathname;
        const name = path.slice(PREFIX.length + 1).split("/")[0] ?? "";
        try {
          if (closed) throw new HttpError(503, { code: "SHUTTING_DOWN", message: "The functions host is closing" });
          const fn = resolveFunction(name);
          if (fn.settings.verifyJwt) await checkJwt(request, keys);
          const worker = await processFor(fn);
          return await worker.fetch(request);
        } catch (error) {
          if (isHttpError(error)) return error.toResponse();
          if (request.signal.aborted) return new Response(null, { status: 499 }); // the caller left; nobody reads this
          console.error(`[functions/${name}] ${request.method} ${path} failed:`, error);
          return Response.json({ code: "INTERNAL_ERROR", message: (error as Error).message ?? "Internal error" }, { status: 500 });
        }
      }

      const stopWatching = options.watch
        ? watchSources([dir, join(REPO, "shared")], () => {
            // Requests already in flight finish on the old process; the next one boots the new code.
            for (const worker of running.values()) {
              const stopped = worker.stop().finally(() => retiring.delete(stopped));
              retiring.add(stopped);
            }
            running.clear();
          })
        : () => {};

      return {
        prefixes: [PREFIX],
        fetch: serve,
        async close() {
          closed = true;
          stopWatching();
          await Promise.all([...running.values()].map((worker) => worker.stop()));
          await Promise.allSettled([...booting.values(), ...retiring]);
          running.clear();
        },
      };
    },
  };
}

/** Calls `onChange` (debounced) when a source file under one of `dirs` changes; returns the stop function. */
function watchSources(dirs: string[], onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const watchers = dirs.filter((path) => existsSync(path)).map((path) =>
    watch(path, { recursive: true }, (_event, file) => {
      if (file && !/\.(ts|tsx|js|mjs|jsx|json|jsonc)$/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, 100);
    }),
  );
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}

/** The project's functions (`functions/`), as `npm start` serves them: restarted when their code changes. */
export const functions = functionsHost({ watch: true });
