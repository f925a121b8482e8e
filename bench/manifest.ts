/** @module Benchmark: a manifest of a 500-file project (record_project_manifest) and the diff between two versions (history function, and in process). */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";
import { changedHashes, diffManifests, type Manifest } from "../shared/history/index.ts";
import { startStack } from "../local/server.ts";
import { ms, percentile, table } from "./stats.ts";

const FILES = 500;
const CHANGED = 50;
const ROUNDS = 20;

const dataDir = await mkdtemp(join(tmpdir(), "codeforge-bench-manifest-"));
const stack = await startStack({ host: "127.0.0.1", port: 0, dataDir, inMemoryDatabase: true });
const options = { auth: { persistSession: false, autoRefreshToken: false }, realtime: { transport: ws as unknown as typeof WebSocket } };
const user = createClient(stack.apiUrl, stack.keys.anonKey, options);
const { data: signedUp, error } = await user.auth.signUp({ email: "bench-manifest@example.test", password: "correct-horse-battery" });
if (error || !signedUp.session) throw error ?? new Error("no session");
const service = createClient(stack.apiUrl, stack.keys.serviceRoleKey, options);
const { data: project } = await user.from("projects").insert({ user_id: signedUp.user!.id, title: "Big", mode: "builder" }).select().single().throwOnError();

/** A ~2 KB TypeScript-ish file; each version appends a line to the first CHANGED files. */
const content = (i: number) => Array.from({ length: 60 }, (_, line) => `export const value${i}_${line} = ${line}; // file ${i}`).join("\n") + "\n";
await user.from("project_files").insert(Array.from({ length: FILES }, (_, i) => ({ project_id: project!.id, path: `src/module-${String(i).padStart(3, "0")}.ts`, content: content(i), language: "typescript" }))).throwOnError();
await service.rpc("record_project_manifest", { p_project_id: project!.id, p_source: "code" }).throwOnError();

const record: number[] = [];
const diffEndToEnd: number[] = [];
const diffInProcess: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  await stack.db.exclusive(() =>
    stack.db.pg.query(
      "update public.project_files set content = content || format(E'// edit %s\\n', $2::int), version = version + 1 where project_id = $1 and path < 'src/module-050'",
      [project!.id, round],
    ),
  );
  let started = performance.now();
  const { data: manifest } = await service.rpc("record_project_manifest", { p_project_id: project!.id, p_source: "save" }).throwOnError();
  record.push(performance.now() - started);
  const version = (manifest as Manifest).version;

  started = performance.now();
  const response = await fetch(`${stack.apiUrl}/functions/v1/history/${project!.id}/diff?from=${version - 1}&to=${version}`, {
    headers: { apikey: stack.keys.anonKey, authorization: `Bearer ${signedUp.session.access_token}` },
  });
  const diff = (await response.json()) as { modified: number };
  diffEndToEnd.push(performance.now() - started);
  if (diff.modified !== CHANGED) throw new Error(`expected ${CHANGED} modified files, got ${JSON.stringify(diff).slice(0, 200)}`);

  const { data: pair } = await user.from("project_manifests").select("version, data").eq("project_id", project!.id).in("version", [version - 1, version]).order("version");
  const { data: blobs } = await user.from("project_blobs").select("hash, content").eq("project_id", project!.id).in("hash", changedHashes(pair![0]!.data.files, pair![1]!.data.files));
  const contents = new Map((blobs as { hash: string; content: string }[]).map((b) => [b.hash, b.content]));
  started = performance.now();
  await diffManifests(pair![0]!.data.files, pair![1]!.data.files, async () => contents);
  diffInProcess.push(performance.now() - started);
}
await stack.close();
await rm(dataDir, { recursive: true, force: true });

const total = record.map((r, i) => r + diffEndToEnd[i]!);
const row = (name: string, samples: number[]) => [name, ms(percentile(samples, 50)), ms(percentile(samples, 95)), ms(Math.max(...samples))];
console.log(`\n### Project history: ${FILES} files (~2 KB each), ${CHANGED} changed per version, ${ROUNDS} versions\n`);
console.log(table(["step", "p50", "p95", "max"], [
  row("record_project_manifest (REST rpc, service role)", record),
  row("diff of two versions (GET /functions/v1/history/…/diff)", diffEndToEnd),
  row("diff of two versions in process (diffManifests, contents loaded)", diffInProcess),
  row("manifest + diff, end to end (target < 200 ms)", total),
]));
