/** @module One Edge Function in its own Deno process: boot, readiness, request forwarding, crash and stop. */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createInterface } from "node:readline";
import { HttpError } from "../http-error.ts";
import { denoExecutable } from "./deno-binary.ts";
import { proxyRequest } from "./proxy.ts";

const RUNTIME = fileURLToPath(new URL("./runtime.ts", import.meta.url));

/** Where npm packages come from: the project's node_modules (offline, fast) or Deno's own cache under DENO_DIR. */
export type NpmSource = "node_modules" | "deno-cache";

export interface ProcessSpec {
  name: string;
  /** Absolute path of the function's entry module. */
  entrypoint: string;
  /** deno.json (passed as --config) or an import map JSON (--import-map); none: --no-config. */
  denoConfig?: string;
  npm: NpmSource;
  /** The function's environment (see function-env.ts). */
  env: Record<string, string>;
  denoDir: string;
  /** The npm registry for the deno-cache source. */
  registry?: string;
  /** A CA bundle Deno trusts besides its own roots (DENO_CERT), for npm downloads and the function's fetches. */
  cafile?: string;
  cwd: string;
  bootTimeoutMs: number;
  /** How long background tasks (EdgeRuntime.waitUntil) may run on after stop(). */
  drainMs: number;
  log(line: string, stream: "stdout" | "stderr"): void;
}

const OUTPUT_LINES = 40;
const MISSING_NPM_PACKAGE = /Could not find a matching package for '[^']+' in the node_modules directory/;

/** The function failed to boot: its output says why. */
export class BootError extends HttpError {
  constructor(
    readonly output: string,
    /** The project's node_modules lacks a package (or version) the function imports. */
    readonly missingNpmPackage: boolean,
  ) {
    super(503, { code: "BOOT_ERROR", message: "Worker failed to boot (please check logs)", details: output });
  }
}

function denoArgs(spec: ProcessSpec): string[] {
  const config = !spec.denoConfig
    ? ["--no-config"]
    : /deno\.jsonc?$/.test(spec.denoConfig)
      ? ["--config", spec.denoConfig]
      : ["--no-config", "--import-map", spec.denoConfig];
  const nodeModulesDir = spec.npm === "node_modules" ? "manual" : "none";
  return ["run", "--allow-all", "--no-lock", `--node-modules-dir=${nodeModulesDir}`, ...config, RUNTIME];
}

/**
 * A running (or booting) function. `start` spawns `deno run runtime.ts`; the runner
 * imports the function and prints a token line with the port `Deno.serve` got.
 */
export class FunctionProcess {
  readonly ready: Promise<void>;
  private port = 0;
  private exited = false;
  private readonly exit: Promise<void>;
  private readonly agent = new Agent({ keepAlive: true });
  private stderrLines: string[] = [];
  private stderrCount = 0;

  private constructor(
    readonly spec: ProcessSpec,
    private readonly child: ChildProcess,
    token: string,
  ) {
    this.exit = new Promise((resolve) => {
      child.once("close", () => resolve()); // exited, and its output has been read to the end
      child.once("error", () => child.pid === undefined && resolve()); // never spawned
    });
    this.exit.then(() => {
      this.exited = true;
      this.agent.destroy();
    });
    this.ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(this.bootError(`no Deno.serve() within ${spec.bootTimeoutMs} ms`));
        void this.stop(0);
      }, spec.bootTimeoutMs);
      createInterface({ input: child.stdout! }).on("line", (line) => {
        const marker = line.indexOf(token);
        if (marker === -1) return spec.log(line, "stdout");
        if (marker > 0) spec.log(line.slice(0, marker), "stdout"); // the function's unfinished line
        this.port = Number(line.slice(marker + token.length).trim());
        clearTimeout(timer);
        resolve();
      });
      createInterface({ input: child.stderr! }).on("line", (line) => {
        this.stderrLines.push(line);
        if (this.stderrLines.length > OUTPUT_LINES) this.stderrLines.shift();
        this.stderrCount += 1;
        spec.log(line, "stderr");
      });
      child.once("error", (error) => {
        clearTimeout(timer);
        reject(this.bootError(`could not start Deno: ${error.message}`));
      });
      this.exit.then(() => {
        clearTimeout(timer);
        reject(this.bootError(`Deno exited with code ${child.exitCode ?? child.signalCode}`));
      });
    });
    this.ready.catch(() => {});
  }

  static start(spec: ProcessSpec): FunctionProcess {
    const token = `codeforge-function-ready-${randomBytes(8).toString("hex")}`;
    const child = spawn(denoExecutable(), denoArgs(spec), {
      cwd: spec.cwd,
      stdio: ["pipe", "pipe", "pipe"],
      env: {
        ...spec.env,
        DENO_DIR: spec.denoDir,
        DENO_NO_UPDATE_CHECK: "1",
        DENO_NO_PACKAGE_JSON: "1",
        NO_COLOR: "1",
        ...(spec.registry ? { NPM_CONFIG_REGISTRY: spec.registry } : {}),
        ...(spec.cafile && !spec.env.DENO_CERT ? { DENO_CERT: spec.cafile } : {}),
        CODEFORGE_FUNCTION_ENTRY: pathToFileURL(spec.entrypoint).href,
        CODEFORGE_FUNCTION_TOKEN: token,
        CODEFORGE_FUNCTION_DRAIN_MS: String(spec.drainMs),
      },
    });
    child.stdin!.on("error", () => {});
    return new FunctionProcess(spec, child, token);
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** The last lines the function wrote to stderr (those after line number `since`, if given). */
  output(since = 0): string {
    const fresh = Math.min(this.stderrLines.length, this.stderrCount - since);
    return this.stderrLines.slice(this.stderrLines.length - fresh).join("\n").trim();
  }

  private bootError(reason: string): BootError {
    const output = this.output() || reason;
    return new BootError(output, MISSING_NPM_PACKAGE.test(output));
  }

  /** Forwards a request once booted; a process that dies mid-request is a 500 WORKER_ERROR with its last output. */
  async fetch(request: Request): Promise<Response> {
    await this.ready;
    const since = this.stderrCount;
    try {
      return await proxyRequest(request, this.port, this.agent);
    } catch (error) {
      if (request.signal.aborted) throw error;
      await Promise.race([this.exit, new Promise((resolve) => setTimeout(resolve, 200))]);
      const exit = `the function's process exited (${this.child.exitCode ?? this.child.signalCode})`;
      const details = this.exited ? [exit, this.output(since)].filter(Boolean).join(": ") : (error as Error).message;
      return Response.json(
        { code: "WORKER_ERROR", message: "Function exited due to an error (please check logs)", details },
        { status: this.exited ? 500 : 502 },
      );
    }
  }

  /**
   * Closes the runner's stdin, which lets background tasks drain (up to `drainMs`)
   * before it exits; kills it if it is still there `graceMs` later.
   */
  async stop(graceMs = this.spec.drainMs + 1000): Promise<void> {
    if (this.exited) return;
    this.child.stdin?.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}
