/**
 * @module `npm run forge -- "a CRM for dog walkers" [--yes] [--out DIR]`: runs the
 * whole pipeline against the local stack (starting it if it is not running), shows
 * each stage's progress, asks the agents' questions (or takes defaults with --yes),
 * and writes the generated app to DIR. A stack started here runs a sandbox runner too,
 * so the app is tested, run and repaired before it is written (the fix loop).
 * `npm run forge -- reembed [--batch-size N]` re-embeds the stored vectors instead (local/reembed.ts).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import ws from "ws";
import { startSandboxRunner, type SandboxRunner } from "../sandbox/runner.ts";
import { configFromEnv } from "./config.ts";
import { loadOrCreateKeys } from "./keys.ts";
import { progressBar as bar } from "./progress-bar.ts";
import { reembedCommand } from "./reembed.ts";
import { pluginsWithSandbox, sandboxRunnerWanted } from "./sandbox-stack.ts";
import { startStack, type LocalStack } from "./server.ts";

const FORGE_USER = { email: "forge@codeforge.local", password: "codeforge-cli-local-user" };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { yes: { type: "boolean", short: "y", default: false }, out: { type: "string", short: "o" }, "batch-size": { type: "string", default: "64" } },
});
if (positionals.length === 1 && positionals[0] === "reembed") {
  await reembedCommand(Number(values["batch-size"])).then(() => process.exit(0), (error: Error) => {
    console.error(`reembed failed: ${error.message}`);
    process.exit(1);
  });
}
const idea = positionals.join(" ").trim();
if (!idea) {
  console.error('usage: npm run forge -- "an idea for an app" [--yes] [--out DIR]\n       npm run forge -- reembed [--batch-size N]');
  process.exit(2);
}
const slug = idea.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "app";
const outDir = resolve(values.out ?? slug);

/** The running stack's URL, or a stack (with a sandbox runner) started here for the run. */
async function stackUrl(): Promise<{ url: string; stack?: LocalStack; runner?: SandboxRunner }> {
  const config = configFromEnv();
  const url = `http://${config.host}:${config.port}`;
  const alive = await fetch(`${url}/auth/v1/health`).then(() => true, () => false);
  if (alive) return { url };
  process.stdout.write("Starting the local stack… ");
  const withRunner = sandboxRunnerWanted();
  const stack = await startStack(config, withRunner ? pluginsWithSandbox() : undefined);
  const runner = withRunner ? startSandboxRunner({ url: stack.apiUrl, serviceRoleKey: stack.keys.serviceRoleKey }) : undefined;
  console.log("ready.");
  return { url: stack.apiUrl, stack, ...(runner ? { runner } : {}) };
}

/** Signs the CLI's local user in, creating it on first use with the admin API. */
async function signIn(url: string, anonKey: string, serviceRoleKey: string): Promise<{ client: SupabaseClient; token: string; userId: string }> {
  // Node 20 has no global WebSocket for supabase-js's Realtime client.
  const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } };
  const client = createClient(url, anonKey, options);
  let session = await client.auth.signInWithPassword(FORGE_USER);
  if (session.error) {
    await createClient(url, serviceRoleKey, options).auth.admin.createUser({ ...FORGE_USER, email_confirm: true });
    session = await client.auth.signInWithPassword(FORGE_USER);
  }
  if (session.error || !session.data.session) throw new Error(`signing in the CLI user failed: ${session.error?.message}`);
  return { client, token: session.data.session.access_token, userId: session.data.user!.id };
}

async function main(): Promise<void> {
  const keys = await loadOrCreateKeys(configFromEnv().dataDir);
  const { url, stack, runner } = await stackUrl();
  try {
    const { client, token, userId } = await signIn(url, keys.anonKey, keys.serviceRoleKey);
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${url}/functions/v1${path}`, {
        method,
        headers: { apikey: keys.anonKey, authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = await response.json();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.error ?? JSON.stringify(answer)}`);
      return answer;
    };
    const { data: project, error } = await client
      .from("projects")
      .insert({ user_id: userId, title: idea.slice(0, 100), description: idea, mode: "builder" })
      .select("id")
      .single();
    if (error) throw new Error(`creating the project: ${error.message}`);
    const { job_id } = await call("POST", "/run-pipeline", { project_id: project.id, input_context: { user_idea: idea } });
    console.log(`Building "${idea}" (job ${job_id})\n`);

    const started = new Map<string, number>();
    const finished = new Map<string, number>();
    let lastSeq = 0;
    for (;;) {
      const job = await call("GET", `/jobs/${job_id}`);
      const { data: events } = await client.from("job_events").select("seq, type, data, created_at").eq("job_id", job_id).gt("seq", lastSeq).order("seq");
      for (const event of events ?? []) {
        lastSeq = event.seq;
        const stage = event.data?.stage as string | undefined;
        const at = Date.parse(event.created_at);
        if (event.type === "stage_started" && stage) started.set(stage, at);
        if (event.type === "stage_completed" && stage) finished.set(stage, at);
        if (stage && (event.type === "stage_started" || event.type === "stage_completed")) {
          const done = finished.has(stage);
          const seconds = ((finished.get(stage) ?? Date.now()) - (started.get(stage) ?? Date.now())) / 1000;
          console.log(`  ${stage.padEnd(23)} ${bar(done ? 1 : 0.1)} ${done ? `done in ${seconds.toFixed(1)} s` : "running…"}`);
        }
      }
      if (job.status === "waiting_for_input") {
        const responses = [];
        const ask = values.yes ? null : createInterface({ input: process.stdin, output: process.stdout });
        for (const q of job.result.questions as { id: string; question: string; options?: string[] }[]) {
          const fallback = q.options?.[0] ?? "Use your best judgement";
          let answer = fallback;
          if (ask) {
            const choices = q.options?.length ? ` (${q.options.join(" / ")})` : "";
            answer = (await ask.question(`\n? ${q.question}${choices} [${fallback}] `)).trim() || fallback;
          } else console.log(`  ? ${q.question} → ${fallback}`);
          responses.push({ question_id: q.id, answer });
        }
        ask?.close();
        await call("POST", `/jobs/${job_id}/respond`, { responses });
        console.log("");
        continue;
      }
      if (["completed", "failed", "cancelled"].includes(job.status)) {
        if (job.status !== "completed") throw new Error(`the build ${job.status}: ${job.error ?? ""}`);
        const qa = job.result?.qa ?? job.result;
        console.log(`\nQA ${qa?.passed ? "passed" : "did not pass"}: ${qa?.summary ?? ""}`);
        if (job.result?.sandbox?.summary) console.log(job.result.sandbox.summary);
        break;
      }
      await new Promise((resolveSleep) => setTimeout(resolveSleep, 200));
    }
    const { data: files } = await client.from("project_files").select("path, content").eq("project_id", project.id).order("path");
    for (const file of files ?? []) {
      const target = join(outDir, file.path);
      if (!target.startsWith(outDir)) continue;
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content ?? "");
    }
    console.log(`Wrote ${files?.length ?? 0} files to ${outDir}\nNext: cd ${outDir} && npm install && npm run dev`);
  } finally {
    await runner?.stop();
    await stack?.close();
  }
}

main().catch((error) => {
  console.error(`forge: ${(error as Error).message}`);
  process.exit(1);
});
