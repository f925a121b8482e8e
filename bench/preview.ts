/** @module `npx tsx bench/preview.ts`: bundling the generated app for a preview (esbuild-wasm, in process), and POST /preview → READY through the local stack. */
import { fileURLToPath } from "node:url";
import { bundlePreview } from "../shared/preview/bundle.ts";
import { startTestStack } from "../tests/local/stack.ts";
import { offlineApp } from "../shared/offline/app.ts";
import { ms, percentile, table } from "./stats.ts";

const RUNS = Number(process.env.RUNS ?? 10);
const STACK_RUNS = Number(process.env.STACK_RUNS ?? 5);
const IDEA = "A CRM for dog walkers";
const nodePaths = [fileURLToPath(new URL("../node_modules", import.meta.url))];

const { files } = await offlineApp(IDEA);
const coldStart = performance.now();
const cold = await bundlePreview(files, { nodePaths });
const coldTotal = performance.now() - coldStart;
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) warm.push((await bundlePreview(files, { nodePaths })).buildMs);

// Through the stack: the preview function (Deno) bundles, stores the page in Storage, the token serves it.
const stack = await startTestStack();
const user = await stack.signUp();
const { data: project } = await user.client.from("projects").insert({ user_id: user.userId, title: "Bench", mode: "builder" }).select("id").single().throwOnError();
await user.client.from("project_files").insert(files.map((file) => ({ ...file, project_id: project!.id }))).throwOnError();
const headers = { apikey: stack.keys.anonKey, authorization: `Bearer ${user.accessToken}`, "content-type": "application/json" };
const ready: number[] = [];
const built: number[] = [];
for (let i = 0; i < STACK_RUNS + 1; i++) {
  const start = performance.now();
  const created = await (await fetch(`${stack.apiUrl}/functions/v1/preview`, { method: "POST", headers, body: JSON.stringify({ project_id: project!.id }) })).json();
  for (;;) {
    const response = await fetch(`${stack.apiUrl}/functions/v1/preview/${created.preview_token}`);
    if (response.status === 200) {
      await response.text();
      break;
    }
    if (response.status !== 202) throw new Error(`preview answered ${response.status}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const { data } = await stack.service().from("preview_sessions").select("build_ms").eq("id", created.session_id).single();
  // The first run pays for the function's start and esbuild's WebAssembly compile.
  if (i === 0) console.log(`\n(first POST /preview → READY, cold function: ${ms(performance.now() - start)})`);
  else {
    ready.push(performance.now() - start);
    built.push(data!.build_ms);
  }
}
await stack.close();

const row = (name: string, list: number[]) => [name, list.length, ms(list.reduce((a, b) => a + b, 0) / list.length), ms(percentile(list, 50)), ms(percentile(list, 95))];
console.log(`\n### Preview bundle of the generated app ("${IDEA}", ${files.length} files, page ${(cold.html.length / 1024).toFixed(0)} KiB, Node ${process.version})\n`);
console.log(table(["measure", "runs", "mean", "p50", "p95"], [
  ["esbuild-wasm, cold (WebAssembly compile + first build)", 1, ms(coldTotal), "–", "–"],
  row("esbuild-wasm build, warm, in Node", warm),
  row("esbuild-wasm build, warm, in the preview function (Deno)", built),
  row("POST /preview → page served (202 polled every 25 ms)", ready),
]));
process.exit(0);
