import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SupabaseClient } from "@supabase/supabase-js";
import { inject } from "../../sandbox/corpus/index.ts";
import { offlineApp } from "../../shared/offline/app.ts";
import { Sandbox } from "../../sandbox/index.ts";
import { startSandboxRunner, type SandboxRunner } from "../../sandbox/runner.ts";
import { pollFor } from "./poll.ts";
import { startStackWithUsers, type SignedUpUser, type TestStack } from "./stack.ts";

let stack: TestStack, service: SupabaseClient, alice: SignedUpUser, bob: SignedUpUser;
const runners: SandboxRunner[] = [];
const sandbox = new Sandbox({ timeoutMs: 60_000 });

/** A project with the offline engine's app (optionally with a fault), its job, and a queued sandbox run. */
async function queuedRun(fault?: "render-exception"): Promise<{ id: string; job_id: string }> {
  const app = await offlineApp("a plant care reminder app");
  const files = fault ? inject(app.files, fault, 0).files : app.files;
  const project = (await alice.client.from("projects").insert({ user_id: alice.userId, title: "Plants", mode: "builder" }).select("id").single().throwOnError()).data!.id;
  await alice.client.from("project_files").insert(files.map((f) => ({ project_id: project, path: f.path, content: f.content, language: "typescript" }))).throwOnError();
  await service.from("projects").update({ requirements_spec: app.requirements }).eq("id", project).throwOnError();
  const job = (await service.from("agent_jobs").insert({ project_id: project, user_id: alice.userId, agent_type: "pipeline", status: "completed" }).select("id").single().throwOnError()).data!.id;
  return (await service.rpc("request_sandbox_run", { p_job_id: job }).single().throwOnError()).data as { id: string; job_id: string };
}

beforeAll(async () => ({ stack, service, alice, bob } = await startStackWithUsers()));
afterAll(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await sandbox.close();
  await stack?.close();
});

describe("the sandbox runner", () => {
  it("two runners share the queue: each run is claimed once, run, recorded with events and private screenshots", async () => {
    const [clean, broken] = [await queuedRun(), await queuedRun("render-exception")];
    for (const name of ["runner-a", "runner-b"]) runners.push(startSandboxRunner({ url: stack.apiUrl, serviceRoleKey: stack.keys.serviceRoleKey, name, sandbox, pollMs: 200, log: (line) => console.log(line) }));
    const rows = await pollFor(async () => {
      const { data } = await alice.client.from("sandbox_runs").select("*").in("id", [clean.id, broken.id]);
      return data?.length === 2 && data.every((r) => r.finished_at) ? data : undefined;
    }, "both runs to finish", 120_000);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[clean.id].status).toBe("passed");
    expect(byId[broken.id].status).toBe("failed");
    expect(byId[broken.id].results.reason).toMatch(/could not read its settings/);
    expect(rows.map((r) => r.claims)).toEqual([1, 1]);
    expect(byId[clean.id].results.tests.length).toBeGreaterThan(3);

    const { data: events } = await alice.client.from("job_events").select("data").eq("job_id", clean.job_id).eq("type", "command_run").order("seq");
    const commands = events!.map((e) => `${e.data.command}:${e.data.status}`);
    // The type check runs beside the rest: its event comes whenever it ends.
    expect(commands.filter((c) => !c.startsWith("typecheck:")).slice(0, 4)).toEqual(["sandbox:queued", "sandbox:started", "build:passed", "tests:passed"]);
    expect(commands.filter((c) => c.startsWith("typecheck:"))).toEqual(["typecheck:passed"]);
    expect(commands.filter((c) => c === "route:passed").length).toBe(byId[clean.id].results.routes.length);
    expect(commands.at(-1)).toBe("sandbox:passed");

    const shot = byId[clean.id].screenshot_paths[0] as string;
    expect(shot.startsWith(`${alice.userId}/${clean.job_id}/1/`)).toBe(true);
    const mine = await alice.client.storage.from("sandbox").download(shot);
    expect(mine.error).toBeNull();
    expect(new Uint8Array(await mine.data!.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode("PNG"));
    expect((await bob.client.storage.from("sandbox").download(shot)).data).toBeNull();
    expect((await bob.client.from("sandbox_runs").select("id").in("id", [clean.id, broken.id])).data).toEqual([]);
  }, 180_000);
});
