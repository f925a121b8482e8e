/** @module `npm start`: the local Supabase and the web app on 127.0.0.1:54321, with the URLs and keys printed. */
import { startSandboxRunner } from "../sandbox/runner.ts";
import { pluginsWithSandbox, sandboxRunnerWanted } from "./sandbox-stack.ts";
import { startStack } from "./server.ts";
import { statusLines } from "./status.ts";
import { ensureWebBuild } from "./web/build.ts";

const started = Date.now();
// The SPA builds (only when its sources changed) while the database opens; "ready" waits for both, so
// WEB_URL works once printed. A failed build is reported and the API runs regardless.
const webBuild = ensureWebBuild({ log: (line) => console.log(line) }).catch((error: unknown) => {
  console.error(`The web app could not be built (the API still runs): ${error instanceof Error ? error.message : String(error)}`);
  return null;
});
// The sandbox runner runs generated apps (Chromium starts on its first run); CODEFORGE_SANDBOX_RUNNER=off leaves it out.
// With it, pipelines run the fix loop by default (the worker function's CODEFORGE_SANDBOX).
const withRunner = sandboxRunnerWanted();
const stack = await startStack(undefined, withRunner ? pluginsWithSandbox() : undefined);
const web = await webBuild;
const runner = !withRunner ? undefined
  : startSandboxRunner({ url: stack.apiUrl, serviceRoleKey: stack.keys.serviceRoleKey, log: (line) => console.log(line) });
console.log(`CodeForge local stack ready in ${Date.now() - started} ms${web?.built ? ` (web app built in ${Math.round(web.ms)} ms)` : ""}\n`);
console.log(statusLines({ ...stack, sandboxRunner: runner?.name ?? "off" }).join("\n"));

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  await runner?.stop();
  await stack.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
