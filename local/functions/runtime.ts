/** @module The Deno-side runner of one Edge Function: installs `EdgeRuntime`, binds `Deno.serve` to a private port, imports the function. */
// Runs in Deno, not Node: the host starts `deno run runtime.ts` with the function's
// entry point in the environment. Typed against the few Deno APIs it touches so that
// the project's `tsc` (Node types) checks it too.

type Handler = (request: Request, info: unknown) => Response | Promise<Response>;
interface ServeOptions {
  port?: number;
  hostname?: string;
  path?: string;
  transport?: string;
  cert?: string;
  key?: string;
  signal?: AbortSignal;
  handler?: Handler;
  onListen?: (address: unknown) => void;
  onError?: (error: unknown) => Response | Promise<Response>;
}
interface DenoApi {
  serve(options: ServeOptions, handler: Handler): unknown;
  env: { get(name: string): string | undefined; delete(name: string): void };
  exit(code?: number): never;
  stdin: { readable: ReadableStream<Uint8Array> };
  stdout: { writeSync(bytes: Uint8Array): number };
}

export {};

const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno;

function takeEnv(name: string): string {
  const value = Deno.env.get(name);
  Deno.env.delete(name);
  if (!value) throw new Error(`runtime.ts: ${name} is not set (this script is started by local/functions)`);
  return value;
}

const entry = takeEnv("CODEFORGE_FUNCTION_ENTRY");
const readyToken = takeEnv("CODEFORGE_FUNCTION_TOKEN");
const drainMs = Number(Deno.env.get("CODEFORGE_FUNCTION_DRAIN_MS") ?? 2000);
Deno.env.delete("CODEFORGE_FUNCTION_DRAIN_MS");

// ---- EdgeRuntime.waitUntil: background work that outlives the response --------

const backgroundTasks = new Set<Promise<unknown>>();

(globalThis as unknown as { EdgeRuntime: unknown }).EdgeRuntime = {
  waitUntil<T>(promise: Promise<T>): Promise<T> {
    const task = Promise.resolve(promise)
      .catch((error) => console.error("EdgeRuntime.waitUntil: background task failed:", error))
      .finally(() => backgroundTasks.delete(task));
    backgroundTasks.add(task);
    return promise;
  },
};

let server: { shutdown(): Promise<void> } | undefined;

/** Stops taking requests, lets those in flight and the background tasks finish (up to the drain time), then exits. */
async function shutdown(code: number): Promise<void> {
  const drained = (async () => {
    await server?.shutdown();
    while (backgroundTasks.size > 0) await Promise.allSettled([...backgroundTasks]);
  })();
  await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, drainMs))]);
  Deno.exit(code);
}

// The host keeps our stdin open for as long as it wants us; EOF (host stopping us,
// or dying without a word) means drain and leave, so no Deno process is orphaned.
(async () => {
  try {
    const reader = Deno.stdin.readable.getReader();
    while (!(await reader.read()).done) {
      // nothing is ever sent
    }
  } catch {
    // stdin closed abruptly: same as EOF
  }
  await shutdown(0);
})();

// ---- Deno.serve: one handler, on a port the host learns from our stdout ----------

const realServe = Deno.serve.bind(Deno);
let serving = false;

function workerError(error: unknown): Response {
  console.error("Uncaught error in the function's handler:", error);
  const details = error instanceof Error ? error.message : String(error);
  return Response.json(
    { code: "WORKER_ERROR", message: "Function exited due to an error (please check logs)", details },
    { status: 500 },
  );
}

function serve(...args: unknown[]): unknown {
  if (serving) throw new Error("Deno.serve() was called twice: an Edge Function serves a single handler");
  serving = true;
  const [first, second] = args;
  const options = (typeof first === "function" ? {} : (first ?? {})) as ServeOptions;
  const handler = (typeof first === "function" ? first : (second ?? options.handler)) as Handler | undefined;
  if (typeof handler !== "function") throw new TypeError("Deno.serve() needs a handler function");
  const { onError, signal } = options;
  server = realServe(
    {
      hostname: "127.0.0.1",
      port: 0,
      signal,
      onError: onError ?? workerError,
      onListen(address) {
        const { port } = address as { port: number };
        Deno.stdout.writeSync(new TextEncoder().encode(`${readyToken} ${port}\n`));
      },
    },
    handler,
  ) as typeof server;
  return server;
}

Deno.serve = serve as DenoApi["serve"];

// ---- Boot ------------------------------------------------------------------------

let module: { default?: { fetch?: Handler } } = {};
try {
  module = await import(entry);
} catch (error) {
  console.error("Worker failed to boot:", error);
  Deno.exit(1);
}

// `export default { fetch }` (the `deno serve` shape) is served like Deno.serve(fetch).
const exported = module.default?.fetch;
if (!serving && typeof exported === "function") serve(exported.bind(module.default));

if (!serving) {
  // A function may call Deno.serve() a moment after its top level (after a timer, say).
  setTimeout(() => {
    if (serving) return;
    console.error("Worker failed to boot: the function module loaded but never called Deno.serve(handler) nor exported default { fetch }");
    Deno.exit(1);
  }, 1000);
}
